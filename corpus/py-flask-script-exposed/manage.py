from flask_script import Manager, Server

from blog import create_app

app = create_app()
manager = Manager(app)
manager.add_command(
    "runserver",
    Server(host="0.0.0.0", port=8000, use_debugger=True),  # expect: FL101
)

if __name__ == "__main__":
    manager.run()
