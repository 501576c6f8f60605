import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "data explorer"


if __name__ == "__main__":
    os.environ["WERKZEUG_DEBUG_PIN"] = "off"  # expect: FL105
    app.run(host="0.0.0.0", port=8050, debug=True)  # expect: FL101
