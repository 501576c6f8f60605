import os

from flask import Flask

from settings import BY_NAME


def create_app():
    app = Flask(__name__)
    app.config.from_object(BY_NAME[os.environ.get("NOTES_ENV", "local")])
    return app
