from flask_socketio import emit


def register(socketio):
    @socketio.on("message")
    def handle(data):
        emit("message", data, broadcast=True)
