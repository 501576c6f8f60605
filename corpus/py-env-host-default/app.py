import os

from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "change-me")


@app.route("/")
def index():
    return "Team dashboard"


if __name__ == "__main__":
    app.run(
        host=os.environ.get("HOST", "0.0.0.0"),  # expect: FL103
        port=int(os.environ.get("PORT", "8000")),
        debug=os.environ.get("FLASK_DEBUG"),  # ok: FL102
    )
