from flask import Flask

app = Flask(__name__)


@app.get("/")
def home():
    return "shop"


if __name__ == "__main__":
    # Heroku runs gunicorn and celery; this block runs only with `python shop.py` on a laptop.
    app.run(debug=True)  # expect-dev: FL102
