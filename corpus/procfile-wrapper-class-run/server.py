import os

from flask import Flask

app = Flask(__name__)


@app.route("/status")
def status():
    return {"ok": True}


class WebServer:
    """Starts the dashboard with the configured bind address."""

    def __init__(self, application):
        self.app = application
        self.host = os.environ.get("DASH_BIND", "127.0.0.1")
        self.port = int(os.environ.get("PORT", "8000"))

    def run(self):
        self.app.run(host=self.host, port=self.port)


if __name__ == "__main__":
    WebServer(app).run()
