FLASK_APP=shop
# Loaded by the production `flask run` in the Procfile: reported there (FL202), with this line related.
# ok: FL302
FLASK_DEBUG=1
