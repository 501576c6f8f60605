from flask import Flask

app = Flask(__name__)


@app.get("/")
def entries():
    return {"entries": []}


if __name__ == "__main__":
    app.run(debug=True)  # expect-dev: FL102
