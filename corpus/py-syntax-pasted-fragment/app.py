from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "hello"


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)  # expect: FL101

# a snippet pasted from a chat, never finished:
>>> app.config["SECRET_KEY"] =
