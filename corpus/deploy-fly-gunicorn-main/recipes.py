from flask import Flask

app = Flask(__name__)


@app.get("/recipes")
def recipes():
    return {"recipes": []}


if __name__ == "__main__":
    # Fly runs gunicorn; this block is for `python recipes.py` on a laptop.
    app.run(debug=True)  # expect-dev: FL102
