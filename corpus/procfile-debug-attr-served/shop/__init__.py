from flask import Flask

app = Flask(__name__)
# a leftover switch, in the module gunicorn serves
app.debug = True  # expect: FL102


@app.route("/")
def index():
    return "shop"
