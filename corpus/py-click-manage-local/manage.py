import click
from flask import Flask

app = Flask(__name__)


@click.group()
def cli():
    pass


@cli.command()
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000)
@click.option("--debug/--no-debug", default=False)
def runserver(host, port, debug):
    """Start a local development server."""
    app.run(host=host, port=port, debug=debug)  # ok: FL101, FL102, FL103


if __name__ == "__main__":
    cli()
