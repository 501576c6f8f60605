from flask import Flask, jsonify

import settings


def create_app():
    app = Flask(__name__)
    app.config.from_object(settings.Staging)

    @app.get("/stars")
    def stars():
        return jsonify(["Vega", "Deneb", "Altair"])

    return app


if __name__ == "__main__":
    app = create_app()
    # expect: FL101
    app.run(host="0.0.0.0", port=5000)
