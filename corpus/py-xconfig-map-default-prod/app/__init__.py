import os

from flask import Flask

from .config import config


def create_app(config_name=None):
    app = Flask(__name__)
    config_name = config_name or os.getenv("FLASK_CONFIG", "production")
    app.config.from_object(config[config_name])
    return app
