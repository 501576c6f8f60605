import eventlet

eventlet.monkey_patch()

from flask import Flask, render_template  # noqa: E402
from flask_socketio import SocketIO  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", cors_allowed_origins="*")


@app.route("/")
def index():
    return render_template("index.html")


if __name__ == "__main__":
    # served by eventlet, not Werkzeug; local only
    socketio.run(app, host="127.0.0.1", port=5000)  # ok: FL103
