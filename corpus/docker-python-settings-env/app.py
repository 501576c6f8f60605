from flask import Flask

import settings

app = Flask(__name__)
app.debug = settings.DEBUG


@app.get("/")
def index():
    return "ledger"


if __name__ == "__main__":
    # The image sets LEDGER_MODE=dev and LEDGER_HOST=0.0.0.0 (settings.py reads both).
    # expect: FL101
    app.run(host=settings.HOST, port=8080)
