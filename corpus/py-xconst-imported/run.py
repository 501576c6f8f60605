from flask import Flask

import settings
from settings import BIND_ADDRESS

app = Flask(__name__)

if __name__ == "__main__":
    app.run(host=BIND_ADDRESS, debug=settings.ALWAYS_TRUE)  # expect: FL101
