class Config:
    DEBUG = False
    SECRET_KEY = "change-me"


class DevelopmentConfig(Config):
    # Chosen when APP_ENV is unset, but both production launchers set it to production.
    # ok: FL102
    DEBUG = True


class ProductionConfig(Config):
    DEBUG = False


config = {"development": DevelopmentConfig, "production": ProductionConfig}
