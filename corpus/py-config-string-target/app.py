from flask import Flask

app = Flask(__name__)
# the class lives in config.py; loading a class from another file is linked by the project pass
app.config.from_object("config.ProductionConfig")  # ok: FL102


@app.route("/")
def index():
    return "hello"
