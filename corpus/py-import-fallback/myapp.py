import os

from flask import Flask, jsonify

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "dev")


@app.route("/api/todos")
def todos():
    return jsonify([{"id": 1, "title": "write tests"}])
