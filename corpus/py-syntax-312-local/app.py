"""3.12 syntax, but the server stays on this machine without a debugger: no finding."""

from flask import Flask

app = Flask(__name__)
NAMES = ["one", "two"]


def describe[T](values: list[T]) -> str:
    return f"{", ".join(str(v) for v in values)}"


@app.route("/")
def index():
    return describe(NAMES)


if __name__ == "__main__":
    app.run(host="127.0.0.1", debug=False)  # ok: FL101, FL102, FL103
