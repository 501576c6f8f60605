from flask import Flask

from clinic import views


def create_app():
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="change-me")
    app.register_blueprint(views.bp)
    return app


if __name__ == "__main__":
    # gunicorn imports the package and calls create_app(); this block never runs there.
    create_app_instance = create_app()
    create_app_instance.run(debug=True)  # expect-dev: FL102
