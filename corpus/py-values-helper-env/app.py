import os

from flask import Flask

app = Flask(__name__)


def bind_address():
    if os.environ.get("PUBLIC"):
        return "0.0.0.0"
    return "127.0.0.1"


if __name__ == "__main__":
    app.run(host=bind_address(), port=8000)  # ok: FL103
