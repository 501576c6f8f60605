from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "hi"


if __name__ == "__main__":
    runapp = app.run
    runapp(debug=True)  # expect: FL102
