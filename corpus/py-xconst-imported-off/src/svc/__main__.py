from flask import Flask

from svc import defaults

app = Flask(__name__)

if __name__ == "__main__":
    app.run(host=defaults.BIND_ADDRESS, debug=defaults.DEBUG)  # ok: FL101, FL102, FL103
