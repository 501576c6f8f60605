import os

from flask import Flask
from waitress import serve

DEV_SERVER = os.environ.get("DEV_SERVER", "0") == "1"
PORT = int(os.environ.get("PORT", "8080"))

app = Flask(__name__)


@app.route("/health")
def health():
    return "ok"


if __name__ == "__main__":
    if DEV_SERVER:
        # only when a developer sets DEV_SERVER=1
        app.run(port=PORT, debug=True)
    else:
        serve(app, host="0.0.0.0", port=PORT)
