import os

DEBUG = os.environ.get("APP_DEBUG", "true")  # expect: FL102
