import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    DEBUG = False


class ProductionConfig(Config):
    PREFERRED_URL_SCHEME = "https"
