from flask import Flask, request

app = Flask(__name__)


@app.post("/echo")
def echo():
    return request.get_json()


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)  # ok: FL103 (the Dockerfile CMD runs this script: its FL301 is the finding)
