from flask import Flask, render_template
from flask_socketio import SocketIO, join_room

app = Flask(__name__)
socketio = SocketIO(app, cors_allowed_origins="http://localhost:3000")


@app.route("/")
def index():
    return render_template("board.html")


@socketio.on("join")
def on_join(data):
    join_room(data["room"])


if __name__ == "__main__":
    socketio.run(app, debug=True)  # expect: FL102
