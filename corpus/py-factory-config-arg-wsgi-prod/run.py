from blog import create_app

if __name__ == "__main__":
    create_app("config.DevelopmentConfig").run()  # expect-dev: FL102
