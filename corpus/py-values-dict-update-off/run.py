from flask import Flask

app = Flask(__name__)
BASE_OPTS = {"port": 5000, "debug": True}


def start():
    cfg = dict(BASE_OPTS)
    cfg.update(debug=False)
    cfg["host"] = "127.0.0.1"
    app.run(**cfg)  # ok: FL102, FL103


if __name__ == "__main__":
    start()
