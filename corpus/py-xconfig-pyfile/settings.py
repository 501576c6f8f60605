DEBUG = False
TESTING = False
