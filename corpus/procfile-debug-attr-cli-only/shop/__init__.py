from flask import Flask

app = Flask(__name__)
# a leftover switch: the worker below only imports the package, it serves no app
app.debug = True  # expect-dev: FL102


@app.route("/")
def index():
    return "shop"
