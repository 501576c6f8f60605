import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "feature flags admin"


if os.environ.get("RUN_DEV_SERVER") == "1":
    app.run(port=5000)  # expect: FL104
