from flask_script import Manager, Server, Shell

from blog import create_app

app = create_app()
manager = Manager(app)
manager.add_command("runserver", Server(host="127.0.0.1", use_debugger=False))  # ok: FL101, FL102
manager.add_command("shell", Shell())

if __name__ == "__main__":
    manager.run()
