import os

from flask import Flask


def create_app():
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY=os.environ["SECRET_KEY"],
        DATABASE_URL=os.environ["DATABASE_URL"],
    )
    app.config.from_prefixed_env()

    from .views import bp

    app.register_blueprint(bp)
    return app
