from flask import Flask

app = Flask(__name__)


@app.get("/orders")
def orders():
    return {"orders": []}


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=8080, debug=True)  # expect-dev: FL102
