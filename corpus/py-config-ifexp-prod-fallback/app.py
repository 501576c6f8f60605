import os

from flask import Flask, jsonify


class DevConfig:
    DEBUG = True


class ProdConfig:
    DEBUG = False


app = Flask(__name__)
app.config.from_object(DevConfig if os.environ.get("DEVELOPMENT") else ProdConfig)  # ok: FL102


@app.get("/api/health")
def health():
    return jsonify(status="ok")
