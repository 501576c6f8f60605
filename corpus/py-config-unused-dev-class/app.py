import os

from flask import Flask


class Config:
    SECRET_KEY = os.environ["SECRET_KEY"]


class DevelopmentConfig(Config):
    DEBUG = True


class ProductionConfig(Config):
    DEBUG = False


app = Flask(__name__)
app.config.from_object(ProductionConfig)  # ok: FL102


@app.route("/")
def index():
    return "hello"
