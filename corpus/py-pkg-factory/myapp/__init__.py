import os

from flask import Flask


def create_app():
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("SECRET_KEY", "dev"),
        UPLOAD_FOLDER=os.path.join(app.root_path, "uploads"),
    )

    from .views import main

    app.register_blueprint(main)
    return app
