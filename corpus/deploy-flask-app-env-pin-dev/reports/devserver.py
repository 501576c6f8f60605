"""`python -m reports.devserver` on a laptop; FLASK_APP=reports.wsgi never imports this module."""

import os

from werkzeug.serving import run_simple

from reports.wsgi import app

# expect-dev: FL105
os.environ["WERKZEUG_DEBUG_PIN"] = "off"

if __name__ == "__main__":
    run_simple("127.0.0.1", 5000, app, use_reloader=True, use_debugger=True)  # expect-dev: FL102
