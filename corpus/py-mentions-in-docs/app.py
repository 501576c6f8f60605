"""Production entry point.

Run it with gunicorn (`gunicorn app:app`). Never start it with
app.run(host="0.0.0.0", debug=True): the Werkzeug debugger is a remote shell.
"""
from flask import Flask

app = Flask(__name__)

WARNING = 'do not use app.run(host="0.0.0.0", debug=True) outside your laptop'


@app.route("/")
def index():
    return "payments"


# app.run(host="0.0.0.0", debug=True)  # ok: FL101
