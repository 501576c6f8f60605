from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/bookings")
def bookings():
    return jsonify([])


if __name__ == "__main__":
    # Local only: production is supervisor -> honcho -> procfile -> gunicorn.
    app.run(host="127.0.0.1", port=8080, debug=True)  # expect-dev: FL102
