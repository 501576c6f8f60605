from blog import create_app

# copied from the development script: gunicorn serves the development config
app = create_app("config.DevelopmentConfig")  # expect: FL102
