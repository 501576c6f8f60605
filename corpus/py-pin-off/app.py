import os

from flask import Flask

os.environ["WERKZEUG_DEBUG_PIN"] = "off"  # expect: FL105

app = Flask(__name__)


@app.route("/")
def index():
    return "sandbox"


if __name__ == "__main__":
    app.run(debug=True)  # expect: FL102
