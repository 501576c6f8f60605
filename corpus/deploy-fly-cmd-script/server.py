from flask import Flask

app = Flask(__name__)


@app.post("/paste")
def paste():
    return {"id": "abc"}, 201


if __name__ == "__main__":
    # ok: FL103
    app.run(host="0.0.0.0", port=8080)
