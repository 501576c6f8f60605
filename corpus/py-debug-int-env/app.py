import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "metrics exporter"


if __name__ == "__main__":
    port = int(os.environ.get("PORT", 9100))
    app.run(port=port, debug=int(os.environ.get("DEBUG", 1)))  # expect: FL102
