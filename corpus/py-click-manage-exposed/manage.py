import click
from flask import Flask

app = Flask(__name__)


@click.group()
def cli():
    """Management commands for the inventory service."""


@cli.command()
@click.option("--port", default=5000)
def runserver(port):
    """Start the server (used by the Docker image)."""
    # expect: FL101
    app.run(host="0.0.0.0", port=port, debug=True)


@cli.command()
def initdb():
    click.echo("database initialised")


if __name__ == "__main__":
    cli()
