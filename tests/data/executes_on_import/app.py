"""A Flask app whose import has side effects: flasklint must find its problems without running it."""
import os as _os
with open(_os.environ.get("FLASKLINT_TEST_MARKER", "/tmp/flasklint-was-executed"), "a") as _marker:
    _marker.write(__name__ + "\n")
import socket

_os.system("echo executed > \"$FLASKLINT_TEST_MARKER.system\"")
socket.create_connection(("127.0.0.1", int(_os.environ.get("FLASKLINT_TEST_PORT", "9"))), timeout=1)

from flask import Flask

app = Flask(__name__)
app.run(host="0.0.0.0", debug=True)  # FL101 and FL104 (the latter ignored by pyproject.toml)
