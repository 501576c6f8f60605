from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "hello"


if __name__ == "__main__":
    # No launcher in view: the file is its own launcher (unknown), judged as before.
    app.run(host="0.0.0.0", port=8000)  # expect: FL103
