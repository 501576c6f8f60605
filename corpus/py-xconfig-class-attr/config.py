class Config:
    DEBUG = False
    SECRET_KEY = "x"


class DevelopmentConfig(Config):
    DEBUG = True  # expect: FL102


class ProductionConfig(Config):
    pass
