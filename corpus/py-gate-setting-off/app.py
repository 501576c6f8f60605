import os

from flask import Flask

DEBUG = os.environ.get("DEBUG") == "1"

app = Flask(__name__)

if __name__ == "__main__":
    if DEBUG:
        app.run(debug=True)  # ok: FL102
    else:
        app.run()
