import os

from flask import Flask

app = Flask(__name__)
app.config.from_pyfile(os.environ.get("APP_SETTINGS", "instance/dev_settings.py"))
