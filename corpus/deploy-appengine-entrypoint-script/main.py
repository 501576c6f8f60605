import os

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "Hello from App Engine"


if __name__ == "__main__":
    # ok: FL103 (the entrypoint's FL301 says what is wrong; App Engine needs the bind)
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")))
