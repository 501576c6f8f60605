from flask import Flask


def create_app():
    app = Flask(__name__)

    @app.route("/")
    def index():
        return "price tracker"

    return app


app = create_app()
app.run(host="0.0.0.0", port=8000)  # expect: FL103, FL104
