from flask import Flask

app = Flask(__name__)


def run(host="0.0.0.0", port=8080):
    app.run(host=host, port=port)  # ok: FL103


if __name__ == "__main__":
    run(host="127.0.0.1")
