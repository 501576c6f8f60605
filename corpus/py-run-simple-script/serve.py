"""Serve the portal on the LAN for the demo booth."""
from werkzeug.serving import run_simple

from portal import app

run_simple("", 8080, app, threaded=True)  # expect: FL103, FL104
