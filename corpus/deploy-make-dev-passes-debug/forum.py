from flask import Flask

app = Flask(__name__)


@app.get("/threads")
def threads():
    return {"threads": []}
