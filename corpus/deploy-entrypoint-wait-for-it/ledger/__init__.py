from flask import Flask

app = Flask(__name__)


@app.get("/balance")
def balance():
    return {"balance": 0}
