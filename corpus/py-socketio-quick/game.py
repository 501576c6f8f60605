from flask import Flask
from flask_socketio import SocketIO, emit

app = Flask(__name__)
socketio = SocketIO(app)
scores = {}


@socketio.on("score")
def on_score(data):
    scores[data["player"]] = data["points"]
    emit("scores", scores, broadcast=True)


socketio.run(app, "0.0.0.0", 5000, debug=True, allow_unsafe_werkzeug=True)  # expect: FL101, FL104, FL106
