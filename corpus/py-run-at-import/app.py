from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "Weather station online"


@app.route("/reading/<int:sensor_id>")
def reading(sensor_id):
    return {"sensor": sensor_id, "celsius": 21.5}


app.run()  # expect: FL104
