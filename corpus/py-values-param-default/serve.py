import os

from flask import Flask

app = Flask(__name__)


@app.route("/health")
def health():
    return "ok"


def run(host=os.environ.get("LISTEN_HOST", "0.0.0.0"), port=8080):
    app.run(host=host, port=port)  # expect: FL103


if __name__ == "__main__":
    run()
