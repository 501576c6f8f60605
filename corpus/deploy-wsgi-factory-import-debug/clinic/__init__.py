from flask import Flask

from clinic import views


def create_app():
    app = Flask(__name__)
    # gunicorn calls create_app() in production: debug mode ships with it.
    app.config.from_mapping(
        SECRET_KEY="change-me",
        DEBUG=True,  # expect: FL102
    )
    app.register_blueprint(views.bp)
    return app
