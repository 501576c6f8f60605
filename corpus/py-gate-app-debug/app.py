from flask import Flask

import config

app = Flask(__name__)
if config.DEBUG:
    app.debug = True  # ok: FL102
