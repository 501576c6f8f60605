from flask import Flask

app = Flask(__name__)


@app.get("/issues")
def issues():
    return {"issues": []}
