from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "dual-stack test page"


if __name__ == "__main__":
    app.run(host="::", port=8000)  # expect: FL103
