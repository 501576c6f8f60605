FLASK_APP=app
# Loaded by the production `flask run` below: part of the Procfile's FL101, not a finding of its own.
# ok: FL302
FLASK_DEBUG=1
