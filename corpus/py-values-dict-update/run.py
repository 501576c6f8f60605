from flask import Flask

app = Flask(__name__)
BASE_OPTS = {"port": 5000, "threaded": True}


def start(local=True):
    cfg = dict(BASE_OPTS)
    cfg.update(debug=True)  # expect: FL102
    opts = {"use_reloader": False}
    opts["host"] = "0.0.0.0"  # expect: FL103
    app.run(**opts)
    app.run(**cfg)


if __name__ == "__main__":
    start()
