import argparse

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "markdown preview"


def main():
    parser = argparse.ArgumentParser(description="Preview markdown files")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    app.run(host=args.host, port=args.port, debug=args.debug)


if __name__ == "__main__":
    main()
