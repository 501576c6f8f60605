class Base(object):
    # expect-dev: FL102
    DEBUG = True
    JSON_SORT_KEYS = False


class Staging(Base):
    DATABASE_URL = "postgresql://db/staging"
