import os

from flask import Flask


class Config:
    TEMPLATES_AUTO_RELOAD = True


class DevelopmentConfig(Config):
    DEBUG = True


class ProductionConfig(Config):
    DEBUG = False


configs = {"dev": DevelopmentConfig, "prod": ProductionConfig}

app = Flask(__name__)
app.config.from_object(configs[os.environ.get("APP_MODE", "dev")])


@app.route("/")
def index():
    return "todo list"


if __name__ == "__main__":
    # expect: FL101
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)))
