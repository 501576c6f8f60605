"""Compatibility alias: this module moved to `flasklint.python.values`.

The alias is the same module object (not a copy), so monkeypatching either name patches both.
"""

import sys

from flasklint.python import values as _moved

sys.modules[__name__] = _moved
