import flask

app = flask.Flask(__name__)


@app.route("/")
def index():
    return flask.jsonify(message="it works")


@app.route("/echo", methods=["POST"])
def echo():
    return flask.jsonify(flask.request.get_json(silent=True) or {})


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)  # expect: FL101
