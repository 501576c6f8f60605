import os

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "shop"


def main():
    port = int(os.environ.get("PORT", "5000"))
    app.run(host="0.0.0.0", port=port)
