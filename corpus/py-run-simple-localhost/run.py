from flask import Flask
from werkzeug import serving

app = Flask(__name__)


@app.route("/")
def index():
    return "local only"


if __name__ == "__main__":
    serving.run_simple("localhost", 5000, app, use_reloader=True)
