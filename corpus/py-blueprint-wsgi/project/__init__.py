from flask import Flask

from .auth import bp as auth_bp
from .blog import bp as blog_bp


def create_app(config_object="project.settings"):
    app = Flask(__name__)
    app.config.from_object(config_object)
    app.register_blueprint(auth_bp)
    app.register_blueprint(blog_bp)
    return app
