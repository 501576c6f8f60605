from flask import Flask
from werkzeug.serving import run_simple

app = Flask(__name__)


class Launcher:
    def start(self):
        run_simple("0.0.0.0", 8000, app, use_debugger=True)  # expect: FL101


if __name__ == "__main__":
    Launcher().start()
