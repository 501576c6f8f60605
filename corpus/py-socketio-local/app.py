from flask import Flask, render_template
from flask_socketio import SocketIO, emit

app = Flask(__name__)
socketio = SocketIO(app)


@app.route("/")
def index():
    return render_template("index.html")


@socketio.on("cursor")
def cursor(data):
    emit("cursor", data, broadcast=True, include_self=False)


if __name__ == "__main__":
    socketio.run(app, host="127.0.0.1", port=5000, debug=False)  # ok: FL102
