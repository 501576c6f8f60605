from flask import Flask
from flask_socketio import SocketIO

socketio = SocketIO()


def create_app():
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "change-me"
    from .events import register

    register(socketio)
    socketio.init_app(app)
    return app
