"""A launcher that picks its mode with a match statement (Python 3.10+)."""

import sys

from flask import Flask

app = Flask(__name__)


def main(argv: list[str]) -> None:
    match argv:
        case [_, "dev"]:
            app.run(debug=True)  # expect: FL102
        case [_, "lan", port] if port.isdigit():
            app.run(host="0.0.0.0", port=int(port))  # expect: FL103
        case _:
            app.run()


if __name__ == "__main__":
    main(sys.argv)
