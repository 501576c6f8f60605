import os

from flask import Flask, jsonify

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "change-me")


@app.get("/products")
def products():
    return jsonify([{"id": 1, "name": "Mug"}])
