from flask import Flask

application = app = Flask(__name__)


@app.route("/")
def index():
    return "hello"
