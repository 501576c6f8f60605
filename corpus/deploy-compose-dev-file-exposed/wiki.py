from flask import Flask

app = Flask(__name__)


@app.get("/wiki/<page>")
def show(page):
    return {"page": page}
