import os

from flask import Flask, render_template


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    DEBUG = False


class DevelopmentConfig(Config):
    DEBUG = True


class TestingConfig(Config):
    TESTING = True


class ProductionConfig(Config):
    pass


config = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
    "default": ProductionConfig,
}

app = Flask(__name__)
# the fallback is production, so an unset FLASK_CONFIG keeps debug off
app.config.from_object(config[os.getenv("FLASK_CONFIG", "default")])  # ok: FL102


@app.route("/")
def index():
    return render_template("index.html")
