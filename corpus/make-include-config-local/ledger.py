from flask import Flask

app = Flask(__name__)


@app.get("/entries")
def entries():
    return {"entries": []}
