import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "photo gallery"


if __name__ == '__main__':
    if os.environ.get("APP_ENV") == "dev":
        app.run(port=5000, debug=1)  # ok: FL102 (behind APP_ENV == "dev", off when unset: VERDICTS 16)
    else:
        app.run()
