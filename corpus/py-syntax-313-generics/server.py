"""Typed helpers with Python 3.12/3.13 generics, then a debug server."""

from flask import Flask

app = Flask(__name__)

type Pair[T] = tuple[T, T]


class Page[T = str]:
    def __init__(self, items: list[T]) -> None:
        self.items = items


def first[T](items: list[T]) -> T:
    return items[0]


@app.get("/")
def index():
    return str(Page(["a"]).items)


if __name__ == "__main__":
    app.run(debug=True)  # expect: FL102
