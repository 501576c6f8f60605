# Read only by `flask run` on a laptop; the service runs gunicorn.
FLASK_APP=polls
# expect-dev: FL302
FLASK_DEBUG=1
