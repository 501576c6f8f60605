from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.serving import run_simple

frontend = Flask("frontend")
api = Flask("api")


@frontend.route("/")
def home():
    return "frontend"


@api.route("/users")
def users():
    return {"users": []}


application = DispatcherMiddleware(frontend, {"/api": api})

if __name__ == "__main__":
    run_simple(  # expect: FL101
        "0.0.0.0",
        8000,
        application,
        use_reloader=True,
        use_debugger=True,
    )
