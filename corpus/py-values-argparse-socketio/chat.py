import argparse

from flask import Flask
from flask_socketio import SocketIO

app = Flask(__name__)
socketio = SocketIO(app)


def main():
    parser = argparse.ArgumentParser(description="chat server")
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--no-debug", dest="debug", action="store_false")
    args = parser.parse_args()
    socketio.run(app, host=args.host, port=args.port, debug=args.debug)  # expect: FL101


if __name__ == "__main__":
    main()
