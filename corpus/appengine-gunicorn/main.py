from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return "Hello"


if __name__ == "__main__":
    # Local development only; App Engine runs gunicorn (see app.yaml).
    app.run(host="127.0.0.1", port=8080, debug=False)
