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
    # gunicorn calls this in production and the Procfile sets no FLASK_CONFIG: the default is development.
    # expect: FL102
    app.config.from_object(config[os.getenv("FLASK_CONFIG", "development")])
    return app
