import os

from flask import Flask, render_template

DATABASE = os.path.join(os.path.dirname(__file__), "flaskr.db")
DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "dev")

app = Flask(__name__)
app.config.from_object(__name__)  # ok: FL102


@app.route("/")
def index():
    return render_template("index.html")


if __name__ == "__main__":
    app.run()
