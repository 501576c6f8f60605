import argparse

from flask import Flask
from werkzeug.debug import DebuggedApplication
from werkzeug.serving import run_simple

app = Flask(__name__)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    if args.debug:
        app.wsgi_app = DebuggedApplication(app.wsgi_app, evalex=True)  # ok: FL102
    run_simple("127.0.0.1", 5000, app)


if __name__ == "__main__":
    main()
