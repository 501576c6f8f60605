from flask import Flask

import settings

app = Flask(__name__)
app.debug = settings.DEBUG


@app.get("/")
def index():
    return "ledger"


if __name__ == "__main__":
    # ok: FL101
    app.run(host=settings.HOST, port=8080)
