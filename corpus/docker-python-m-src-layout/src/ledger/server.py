from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "ledger"


def serve():
    # The image runs this module as __main__, which calls serve().
    app.run(port=8080, debug=True)  # expect: FL102


if __name__ == "__main__":
    serve()
