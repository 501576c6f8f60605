import os

from flask import Flask

DEBUG = os.getenv("APP_DEBUG", "false")
PORT = int(os.getenv("APP_PORT", "5000"))

app = Flask(__name__)


@app.route("/")
def index():
    return "Library catalogue"


if __name__ == "__main__":
    app.run(port=PORT, debug=DEBUG)  # expect: FL102
