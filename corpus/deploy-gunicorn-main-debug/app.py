from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "hello"

if __name__ == "__main__":
    # The Procfile serves app:app with gunicorn, which imports this module: this block runs
    # only when someone types `python app.py` (development).
    app.run(debug=True)  # expect-dev: FL102
