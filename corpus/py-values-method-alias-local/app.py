from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    runapp = app.run
    runapp(port=8000)  # ok: FL102, FL103
