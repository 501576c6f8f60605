"""The package list: every package under flasklint/, found, plus the rule catalog `rules/` shipped as flasklint.rules.

Everything else is in pyproject.toml. Its `[tool.setuptools.packages.find]` cannot add a package that lives
outside the folder it searches (rules/ sits beside flasklint/), and a hand-written list forgets new packages,
so the one list that needs both is made here.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["flasklint", "flasklint.*"]), "flasklint.rules"])
