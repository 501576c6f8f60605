import argparse

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "photo gallery"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--debug", action="store_true")
    options = parser.parse_args()
    # values come from the command line: nothing to judge statically
    app.run(host=options.host, debug=options.debug)  # ok: FL101, FL102, FL103
