FLASK_APP=app
# Flask 3.0 is pinned: a dead setting.
FLASK_ENV=development
