import os

from flask import Flask

from .config import ProductionConfig, config


def create_app(config_name="development"):
    """The factory the tests and `flask run` use."""
    app = Flask(__name__)
    config_name = os.environ.get("SHOP_CONFIG", config_name)
    app.config.from_object(config[config_name])
    return app


def create_container_app():
    """The factory the container serves: production settings only."""
    app = Flask(__name__)
    app.config.from_object(ProductionConfig)
    return app
