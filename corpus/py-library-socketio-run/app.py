from flask import Flask

from flask_socketio_lite import SocketIO

app = Flask(__name__)
socketio = SocketIO(app)

if __name__ == "__main__":
    socketio.run(app, host="0.0.0.0", debug=True)  # expect: FL101
