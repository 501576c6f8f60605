FLASK_APP=app
# Flask 2.2 is pinned: debug mode, loaded by the production `flask run` (part of its FL101).
# ok: FL302
FLASK_ENV=development
