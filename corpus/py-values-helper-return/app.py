from flask import Flask

app = Flask(__name__)


def bind_address():
    return "0.0.0.0"


if __name__ == "__main__":
    app.run(host=bind_address(), port=8000)  # expect: FL103
