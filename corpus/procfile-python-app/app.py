import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def home():
    return "Hello from Heroku"


if __name__ == "__main__":
    app.run(port=int(os.environ.get("PORT", 5000)))
