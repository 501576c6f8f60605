import os

from flask import Flask

os.environ.setdefault("BLOG_SETTINGS", "dev_settings.py")

app = Flask(__name__)
app.config.from_envvar("BLOG_SETTINGS")
