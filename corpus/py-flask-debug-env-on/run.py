import os

from flask import Flask

# expect: FL102
os.environ["FLASK_DEBUG"] = "1"

app = Flask(__name__)


@app.route("/")
def index():
    return "hello"


if __name__ == "__main__":
    app.run()
