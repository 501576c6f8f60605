from flask import Flask


def create_app(config_name="production", debug=False):
    app = Flask(__name__)
    app.config.from_mapping(NOTES_BACKEND=config_name)
    app.debug = debug

    @app.route("/notes")
    def notes():
        return {"notes": []}

    return app
