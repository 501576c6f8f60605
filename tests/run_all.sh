#!/usr/bin/env bash
# The README's test command: every set-up step the tests need, then the tests.
#   1. flasklint with its test and docs extras, from pyproject.toml, into the active Python;
#   2. the real consumers of our reports (SARIF Multitool, Graphviz, Mermaid + chromium, cmark-gfm);
#   3. the whole suite on this Python;
#   4. the corpus and Python-analyzer tests on the oldest and newest other Pythons on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e '.[test,docs]'
bash tests/install_consumers.sh
python -m pytest -q
if [ -f tests/other_pythons.sh ]; then
  bash tests/other_pythons.sh
fi
