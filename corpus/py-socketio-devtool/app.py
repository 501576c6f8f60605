import flask_socketio
from flask import Flask, render_template

app = Flask(__name__)
socketio = flask_socketio.SocketIO(app, logger=True)


@app.route("/")
def index():
    return render_template("monitor.html")


@socketio.on("subscribe")
def subscribe(data):
    flask_socketio.join_room(data["channel"])


def main():
    # started from systemd on the lab box, so there is no tty
    socketio.run(app, port=5000, allow_unsafe_werkzeug=True)  # expect: FL106


if __name__ == "__main__":
    main()
