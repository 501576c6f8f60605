# For `flask run` on a laptop; no COPY brings it into the image.
# expect-dev: FL302
FLASK_DEBUG=1
