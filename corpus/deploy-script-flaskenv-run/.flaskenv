FLASK_APP=polls
# ok: FL302 (named by the Procfile's FL101)
FLASK_DEBUG=1
