import os

from flask import Flask, render_template
from flask_socketio import SocketIO

USE_SOCKETIO = os.environ.get("USE_SOCKETIO", "false") == "true"
PORT = int(os.environ.get("PORT", "5000"))

app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet")


@app.route("/")
def board():
    return render_template("board.html")


def main():
    if USE_SOCKETIO:
        socketio.run(app, host="0.0.0.0", port=PORT)
    else:
        # the default when USE_SOCKETIO is unset: Flask's development server
        app.run(host="0.0.0.0", port=PORT)


if __name__ == "__main__":
    main()
