from flask import Flask

app = Flask(__name__)


@app.get("/tiles/<int:z>/<int:x>/<int:y>.png")
def tile(z, x, y):
    return f"{z}/{x}/{y}"
