from flask import Flask, jsonify

app = Flask(__name__)

INVENTORY = {"apples": 12, "pears": 4}


@app.route("/api/inventory")
def inventory():
    return jsonify(INVENTORY)


if __name__ == "__main__":
    app.run(
        host="0.0.0.0",  # expect: FL103
        port=8080,
        threaded=True,
        debug=False,  # ok: FL102
    )
