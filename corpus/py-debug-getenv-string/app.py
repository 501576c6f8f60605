import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/echo", methods=["POST"])
def echo():
    return request.get_json(force=True)


if __name__ == "__main__":
    # os.getenv returns a string, and "False" is a non-empty string
    app.run(debug=os.getenv("FLASK_DEBUG", "False"))  # expect: FL102
