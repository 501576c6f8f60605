import os

from reports import create_app

# FLASK_APP=reports.wsgi: `flask run` imports this module in production, so this line runs there.
# expect: FL105
os.environ["WERKZEUG_DEBUG_PIN"] = "off"
app = create_app()
