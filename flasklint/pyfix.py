"""Compatibility alias: this module moved to `flasklint.python.fixes`.

The alias is the same module object (not a copy), so monkeypatching either name patches both.
"""

import sys

from flasklint.python import fixes as _moved

sys.modules[__name__] = _moved
