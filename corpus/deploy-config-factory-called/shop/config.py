class Config:
    SECRET_KEY = "change-me"


class DevelopmentConfig(Config):
    # production: the server calls create_app() with its default, so this config is production's
    DEBUG = True  # expect: FL102


class ProductionConfig(Config):
    DEBUG = False


config = {"development": DevelopmentConfig, "production": ProductionConfig}
