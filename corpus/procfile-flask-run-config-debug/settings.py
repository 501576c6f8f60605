class Base:
    SECRET_KEY = "change-me"
    DEBUG = False


class Local(Base):
    # `flask run` sets app.debug from FLASK_DEBUG once it has loaded the app,
    # so this never reaches the server the Procfile starts.
    # expect-dev: FL102
    DEBUG = True


class Live(Base):
    pass


BY_NAME = {"local": Local, "live": Live}
