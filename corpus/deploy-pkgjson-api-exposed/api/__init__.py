from flask import Flask

app = Flask(__name__)


@app.get("/api/widgets")
def widgets():
    return {"widgets": []}
