import click
from flask import Flask

from .views import blueprint


def make_app(redis_url):
    app = Flask(__name__)
    app.config["REDIS_URL"] = redis_url
    app.register_blueprint(blueprint)
    return app


@click.command()
@click.option("-b", "--bind", default="0.0.0.0", help="address to listen on")
@click.option("-p", "--port", default=9181, type=int)
@click.option("--redis-url", default="redis://localhost:6379")
def run(bind, port, redis_url):
    app = make_app(redis_url)
    app.run(host=bind, port=port)


def main():
    run(auto_envvar_prefix="BOARD")
