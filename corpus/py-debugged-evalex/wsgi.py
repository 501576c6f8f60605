"""gunicorn -w 2 -b :8000 wsgi:app"""
from flask import Flask
from werkzeug.debug import DebuggedApplication

app = Flask(__name__)


@app.route("/reports/<int:report_id>")
def report(report_id):
    return {"id": report_id}


# Show the interactive debugger on errors while we chase the staging bug.
app.wsgi_app = DebuggedApplication(app.wsgi_app, evalex=True)  # expect: FL102
