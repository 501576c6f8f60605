import os

from flask import Flask


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev")


class DevelopmentConfig(Config):
    DEBUG = True


class ProductionConfig(Config):
    DEBUG = False


config = {"development": DevelopmentConfig, "production": ProductionConfig}


def create_app():
    app = Flask(__name__)
    # An unset FLASK_CONFIG falls back to production; the development class is chosen only on purpose.
    # ok: FL102
    app.config.from_object(config[os.getenv("FLASK_CONFIG", "production")])
    return app
