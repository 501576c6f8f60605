import os

from flask import Flask

app = Flask(__name__)

DEBUG = os.getenv("FLASK_DEBUG", "0").lower() in ("1", "true", "yes")


@app.route("/")
def index():
    return "ok"


if __name__ == "__main__":
    app.run(debug=DEBUG)  # ok: FL102
