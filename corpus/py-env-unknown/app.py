import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "config from the environment"


if __name__ == "__main__":
    app.run(
        host=os.environ["APP_HOST"],  # ok: FL103
        port=int(os.environ.get("APP_PORT", "5000")),
        debug=os.environ.get("FLASK_DEBUG"),  # ok: FL102
    )
