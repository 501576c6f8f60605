from flask import Flask
from flask_migrate import Migrate

app = Flask(__name__)
migrate = Migrate(app)


@app.get("/polls")
def polls():
    return {"polls": []}
