from flask import Flask

app = Flask(__name__)


@app.route("/")
def home():
    return "<h1>Recipe box</h1>"


if __name__ == "__main__":
    app.run(
        "127.0.0.1",
        5000,
        True,  # expect: FL102
    )
