# For `flask run` on a laptop; Render starts gunicorn, which never reads this file.
FLASK_APP=recipes
# expect-dev: FL302
FLASK_DEBUG=1
