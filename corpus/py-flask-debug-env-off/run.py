import os

from flask import Flask

# Flask's get_debug_flag treats "0", "false" and "no" (any case) as off
os.environ["FLASK_DEBUG"] = "0"  # ok: FL102
os.environ.setdefault("FLASK_DEBUG", "false")  # ok: FL102
os.environ.update(FLASK_DEBUG="No")  # ok: FL102

app = Flask(__name__)


@app.route("/")
def index():
    return "hello"


if __name__ == "__main__":
    app.run()
