DEBUG = True  # expect: FL102
SECRET_KEY = "dev"
