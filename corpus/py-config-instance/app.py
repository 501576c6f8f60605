import os

from flask import Flask


class Settings:
    DEBUG = os.environ.get("DEBUG", "False")
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev")


app = Flask(__name__)
# DEBUG is the string "False" when the variable is unset, and Flask takes any non-empty string as true
app.config.from_object(Settings())  # expect: FL102


@app.route("/")
def home():
    return "settings demo"
