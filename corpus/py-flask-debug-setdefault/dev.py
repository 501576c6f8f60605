import os

from flask import Flask

# expect-dev: FL102
os.environ.setdefault("FLASK_DEBUG", "true")

app = Flask(__name__)


@app.route("/")
def index():
    return "dev helper"


if __name__ == "__main__":
    app.run(port=8000)
