from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "Hello from App Engine"


if __name__ == "__main__":
    # With no entrypoint, App Engine serves main:app with gunicorn: this runs only locally.
    app.run(host="127.0.0.1", port=8080, debug=True)  # expect-dev: FL102
