from flask import Flask

app = Flask(__name__)


@app.get("/api/ping")
def ping():
    return {"pong": True}
