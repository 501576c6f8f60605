from flask import Flask

app = Flask(__name__)


@app.get("/notes")
def notes():
    return {"notes": []}


if __name__ == "__main__":
    # compose serves the package with gunicorn; this runs only with `python -m` or by hand.
    app.run(debug=True)  # expect-dev: FL102
