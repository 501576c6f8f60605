class Config:
    SECRET_KEY = "change-me"


class DevelopmentConfig(Config):
    # development: production imports shop/ (the key check, the server) but only ever calls
    # create_container_app(), so create_app()'s default never runs there
    DEBUG = True  # expect-dev: FL102


class ProductionConfig(Config):
    DEBUG = False


config = {"development": DevelopmentConfig, "production": ProductionConfig}
