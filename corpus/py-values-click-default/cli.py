import click
from flask import Flask

app = Flask(__name__)


@click.command()
@click.option("--host", default="0.0.0.0", help="address to bind")
@click.option("--port", default=5000)
def main(host, port):
    app.run(host=host, port=port)  # expect: FL103


if __name__ == "__main__":
    main()
