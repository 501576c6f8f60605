import os

from flask import Flask


def create_app():
    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "dev")
    app.debug = True  # expect: FL102

    from .routes import bp

    app.register_blueprint(bp)
    return app
