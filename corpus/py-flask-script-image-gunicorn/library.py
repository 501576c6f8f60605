from flask import Flask


def create_app():
    app = Flask(__name__)

    @app.route("/books")
    def books():
        return {"books": []}

    return app
