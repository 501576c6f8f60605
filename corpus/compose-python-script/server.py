from flask import Flask, request

app = Flask(__name__)


@app.post("/hook")
def hook():
    return {"received": request.get_json(silent=True) is not None}


if __name__ == "__main__":
    # ok: FL103 (production runs this script: the FL301 on the compose command is the finding, and a container must bind all interfaces)
    app.run(host="0.0.0.0", port=8080)
