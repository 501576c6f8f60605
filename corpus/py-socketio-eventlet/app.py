import eventlet

eventlet.monkey_patch()

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", message_queue="redis://redis:6379/0")


@socketio.on("ping")
def ping():
    return "pong"


if __name__ == "__main__":
    socketio.run(
        app,
        "0.0.0.0",  # expect: FL103
        5000,
    )
