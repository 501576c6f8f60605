from flask import Flask

app = Flask(__name__)


@app.get("/tickets")
def tickets():
    return {"tickets": []}
