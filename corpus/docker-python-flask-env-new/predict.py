from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/predict")
def predict():
    return jsonify(label=len(request.get_data()) % 10)


if __name__ == "__main__":
    # Flask 3.0 ignores FLASK_ENV: no debugger.
    # ok: FL101
    app.run(host="0.0.0.0", port=5000)
