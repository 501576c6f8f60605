from flask import Flask

app = Flask(__name__)


@app.get("/polls")
def polls():
    return {"polls": []}
