# For `flask run` on a laptop; never in the image (.dockerignore).
# expect-dev: FL302
FLASK_DEBUG=1
