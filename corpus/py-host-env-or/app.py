import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "status page"


if __name__ == "__main__":
    app.run(
        host=os.environ.get("HOST") or "0.0.0.0",  # expect: FL103
        port=int(os.environ.get("PORT") or 8080),
    )
