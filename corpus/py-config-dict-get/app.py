import os

from flask import Flask


class BaseConfig:
    DEBUG = False
    CACHE_TYPE = "SimpleCache"


class LocalConfig(BaseConfig):
    DEBUG = True


class StagingConfig(BaseConfig):
    CACHE_TYPE = "RedisCache"


class ProductionConfig(StagingConfig):
    pass


config_by_name = {"staging": StagingConfig, "production": ProductionConfig}

app = Flask(__name__)
app.config.from_object(config_by_name.get(os.getenv("APP_ENV"), LocalConfig))  # expect: FL102


@app.route("/")
def index():
    return "cache demo"
