import os

from flask import Flask

DEBUG = os.environ.get("DEBUG", "1") == "1"

app = Flask(__name__)

if __name__ == "__main__":
    if DEBUG:  # expect: FL102
        app.run(debug=True)
    else:
        app.run()
