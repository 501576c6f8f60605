import os

from flask import Flask
from waitress import serve

app = Flask(__name__)


@app.route("/")
def index():
    return "timesheets"


if __name__ == "__main__":
    serve(app, host="0.0.0.0", port=int(os.environ.get("PORT", 8080)))  # ok: FL103
