"""Runs the job queue and a small status endpoint for the load balancer."""
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from flask import Flask

app = Flask(__name__)


@app.route("/jobs")
def jobs():
    return {"pending": 0}


class _Health(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()


class JobRunner:
    def __init__(self, queue_name):
        self.queue_name = queue_name

    def run(self, host="127.0.0.1", port=9000, debug=False):
        server = HTTPServer((host, port), _Health)
        threading.Thread(target=server.serve_forever, daemon=True).start()


runner = JobRunner("emails")

if __name__ == "__main__":
    runner.run(host="0.0.0.0", port=9000, debug=True)  # ok: FL101
