"""Served by gunicorn: `gunicorn wsgi:app`."""
import os

from flask import Flask

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["SECRET_KEY"],
    SQLALCHEMY_DATABASE_URI=os.environ.get("DATABASE_URL", "sqlite:///app.db"),
    DEBUG=True,  # expect: FL102
)


@app.route("/")
def index():
    return "orders service"
