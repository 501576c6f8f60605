from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "hello"


if __name__ == "__main__":
    # ok: FL103, FL102
    app.run(port=8000)
