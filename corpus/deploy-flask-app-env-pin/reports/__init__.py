from flask import Flask


def create_app():
    app = Flask(__name__)

    @app.get("/reports")
    def reports():
        return {"reports": []}

    return app
