from flask import Flask

app = Flask(__name__)


@app.get("/recipes")
def recipes():
    return {"recipes": []}
