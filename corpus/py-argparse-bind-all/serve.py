import argparse

from flask import Flask, send_from_directory

app = Flask(__name__)


@app.route("/<path:name>")
def files(name):
    return send_from_directory("public", name)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    app.run(host="0.0.0.0", port=args.port)  # expect: FL103
