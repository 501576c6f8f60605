from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "ledger"


def serve():
    # Only `python -m ledger.server` by hand runs this: gunicorn imports the module.
    app.run(port=8080, debug=True)  # expect-dev: FL102


if __name__ == "__main__":
    serve()
