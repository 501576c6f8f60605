"""A small service written for Python 3.12: its f-strings reuse the outer quotes."""

from flask import Flask, jsonify

app = Flask(__name__)
TEAM = ["ada", "grace", "linus"]


@app.route("/")
def index():
    return jsonify(message=f"team: {", ".join(TEAM)}")


@app.route("/user/<name>")
def user(name):
    return f"{
        name.title()  # 3.12 allows comments and line breaks here
    } is {"in" if name in TEAM else "not in"} the team"


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)  # expect: FL101
