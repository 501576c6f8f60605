import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "photo gallery"


if __name__ == '__main__':
    if os.environ.get("APP_ENV") == "dev":
        app.run(port=5000, debug=1)  # expect: FL102
    else:
        app.run()
