import werkzeug.serving
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "invoice generator"


if __name__ == "__main__":
    werkzeug.serving.run_simple(
        "127.0.0.1",
        5000,
        app,
        use_reloader=True,
        use_debugger=True,  # expect: FL102
    )
