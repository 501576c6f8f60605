SECRET_KEY = "change-me"
DEBUG = True  # expect: FL102
