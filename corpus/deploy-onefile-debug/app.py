from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "hello"

if __name__ == "__main__":
    # No launcher in view: this file is how the app runs, so the call is judged as it is.
    app.run(debug=True)  # expect: FL102
