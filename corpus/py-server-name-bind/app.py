from flask import Flask, url_for

app = Flask(__name__)
app.config["SERVER_NAME"] = "0.0.0.0:8000"


@app.route("/")
def index():
    return url_for("index", _external=True)


if __name__ == "__main__":
    app.run()  # expect: FL103
