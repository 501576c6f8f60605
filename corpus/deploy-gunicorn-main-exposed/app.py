from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "hello"

if __name__ == "__main__":
    # Development only (gunicorn serves production), but the debugger listens on all interfaces:
    # anyone on the same network can reach it, so it is still reported (at high, not critical).
    app.run(host="0.0.0.0", port=5000, debug=True)  # expect: FL101
