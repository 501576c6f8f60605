import os

from flask import Flask, jsonify


class DevConfig:
    DEBUG = True
    JSON_SORT_KEYS = False


class ProdConfig:
    DEBUG = False
    JSON_SORT_KEYS = False


app = Flask(__name__)
app.config.from_object(ProdConfig if os.environ.get("PRODUCTION") else DevConfig)  # expect: FL102


@app.get("/api/health")
def health():
    return jsonify(status="ok")
