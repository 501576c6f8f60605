"""Would mark that flasklint executed it."""
import os as _os
with open(_os.environ.get("FLASKLINT_TEST_MARKER", "/tmp/flasklint-was-executed"), "a") as _marker:
    _marker.write(__name__ + "\n")
