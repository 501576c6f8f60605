from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/api/version")
def version():
    return jsonify(version="1.4.2")


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5001)
