import os

from flask import Flask
from werkzeug.debug import DebuggedApplication

app = Flask(__name__)


@app.route("/")
def index():
    return "staging"


if os.environ.get("SHOW_TRACEBACKS"):
    app.wsgi_app = DebuggedApplication(app.wsgi_app)  # ok: FL102
