# Only `flask run` reads .flaskenv; production is gunicorn, which never does.
FLASK_APP=app
# expect-dev: FL302
FLASK_DEBUG=1
