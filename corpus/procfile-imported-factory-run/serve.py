from shop import create_app

if __name__ == "__main__":
    # The factory comes from another module; Flask's CLI finds `create_app` by that name too.
    create_app().run(port=8000)
