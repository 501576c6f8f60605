import os

from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("SECRET_KEY", "dev"),
        DEBUG=False,  # ok: FL102
    )
    if test_config is not None:
        app.config.update(test_config)
    if os.environ.get("APP_ENV") == "production":
        app.config["DEBUG"] = False  # ok: FL102
        app.config["SESSION_COOKIE_SECURE"] = True

    @app.route("/")
    def index():
        return "budget planner"

    return app
