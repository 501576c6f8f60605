# ok: FL302 (named by the Dockerfile's FL101)
FLASK_DEBUG=1
