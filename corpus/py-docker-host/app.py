import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/health")
def health():
    return jsonify(status="ok")


if __name__ == "__main__":
    # listen on all interfaces so the container port mapping works
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)))  # expect: FL103
