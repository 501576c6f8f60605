import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "ticket tracker"


if __name__ == "__main__":
    app.run(
        host=os.getenv("HOST", "127.0.0.1"),
        port=int(os.getenv("PORT", "5000")),
        debug=os.getenv("FLASK_DEBUG", "0") == "1",  # ok: FL102
    )
