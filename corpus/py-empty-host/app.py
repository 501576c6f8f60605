from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "ok"


if __name__ == "__main__":
    # an empty host falls back to SERVER_NAME, then 127.0.0.1
    app.run(host="", port=5000)  # ok: FL103
