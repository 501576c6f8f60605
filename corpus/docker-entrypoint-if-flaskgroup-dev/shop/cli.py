import click
from flask.cli import FlaskGroup

from shop import create_app


@click.group(cls=FlaskGroup, create_app=create_app)
def cli():
    """Shop management commands."""


@cli.command("init-db")
def init_db():
    click.echo("database ready")
