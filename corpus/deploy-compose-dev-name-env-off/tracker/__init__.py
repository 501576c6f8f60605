from flask import Flask

app = Flask(__name__)


@app.get("/runs")
def runs():
    return {"runs": []}
