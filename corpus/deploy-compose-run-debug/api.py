from flask import Flask

app = Flask(__name__)


@app.get("/v1/status")
def status():
    return {"status": "ok"}
