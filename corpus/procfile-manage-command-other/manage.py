from flask import Flask
from flask_script import Manager

app = Flask(__name__)
manager = Manager(app)


@app.route("/hooks", methods=["POST"])
def hooks():
    return "", 204


@manager.command
def serve_hooks():
    """Serve the webhook receiver on its own port."""
    app.run(port=5001)


@manager.command
def init_db():
    print("database ready")


if __name__ == "__main__":
    manager.run()
