"""A small Socket.IO extension kept in the project: its own `run` wraps the app for debugging."""

from werkzeug.debug import DebuggedApplication
from werkzeug.serving import run_simple


class SocketIO:
    def __init__(self, app=None):
        self.app = app

    def run(self, app, host=None, port=None, debug=True, use_reloader=None):
        if debug:
            app.wsgi_app = DebuggedApplication(app.wsgi_app, evalex=True)
        run_simple(host or "0.0.0.0", port or 5000, app, use_reloader=use_reloader, use_debugger=True)
