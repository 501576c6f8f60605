import os

from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY="dev",
        DATABASE=os.path.join(app.instance_path, "flaskr.sqlite"),
        DEBUG=True,  # expect: FL102
    )
    if test_config is not None:
        app.config.update(test_config)

    @app.route("/hello")
    def hello():
        return "Hello, World!"

    return app


app = create_app()

if __name__ == "__main__":
    app.run(port=5000)
