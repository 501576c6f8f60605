import click
from flask import Flask

app = Flask(__name__)


@click.command()
@click.option("--host", default="127.0.0.1")
@click.option("--debug/--no-debug")
def main(host, debug):
    app.run(host=host, debug=debug)  # ok: FL101, FL102, FL103


if __name__ == "__main__":
    main()
