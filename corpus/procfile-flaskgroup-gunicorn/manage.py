from flask.cli import FlaskGroup

from pantry import create_app, db

cli = FlaskGroup(create_app=create_app)


@cli.command("seed_db")
def seed_db():
    db.create_all()


if __name__ == "__main__":
    cli()
