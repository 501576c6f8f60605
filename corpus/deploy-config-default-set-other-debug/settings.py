class Config:
    DEBUG = False
    SECRET_KEY = "change-me"


class DevelopmentConfig(Config):
    # The default, but no production launcher takes it: each one sets APP_ENV.
    # ok: FL102
    DEBUG = True


class ContainerDevConfig(Config):
    # What the compose file picks for the gunicorn the image runs: debug on in production.
    # expect: FL102
    DEBUG = True


class ProductionConfig(Config):
    DEBUG = False


config = {"development": DevelopmentConfig, "container": ContainerDevConfig, "production": ProductionConfig}
