from flask import Flask


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/notes")
    def notes():
        return {"notes": []}

    return app
