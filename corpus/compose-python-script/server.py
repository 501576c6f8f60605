from flask import Flask, request

app = Flask(__name__)


@app.post("/hook")
def hook():
    return {"received": request.get_json(silent=True) is not None}


if __name__ == "__main__":
    # expect: FL103
    app.run(host="0.0.0.0", port=8080)
