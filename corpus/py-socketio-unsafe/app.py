import os

from flask import Flask, render_template
from flask_socketio import SocketIO, emit

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "dev")
socketio = SocketIO(app)


@app.route("/")
def index():
    return render_template("chat.html")


@socketio.on("message")
def handle_message(data):
    emit("message", data, broadcast=True)


if __name__ == "__main__":
    socketio.run(
        app,
        host="0.0.0.0",  # expect: FL103
        port=int(os.environ.get("PORT", 5000)),
        allow_unsafe_werkzeug=True,  # expect: FL106
    )
