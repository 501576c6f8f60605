from flask import Flask

HOST = "0.0.0.0"  # ok: FL103
PORT = 8080

app = Flask(__name__)


@app.route("/")
def index():
    return "Kiosk display"


def main():
    app.run(host=HOST, port=PORT)  # expect: FL103


if __name__ == "__main__":
    main()
