import os

from flask import Flask

from settings import config


def create_app():
    app = Flask(__name__)
    app.config.from_object(config[os.getenv("APP_ENV", "development")])
    return app


app = create_app()
