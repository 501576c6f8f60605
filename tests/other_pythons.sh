#!/usr/bin/env bash
# Run the corpus and Python-analyzer tests under the oldest Python that pyproject.toml declares
# (requires-python) and the newest one on this machine, each in a fresh virtual environment with
# the project installed with its test extras. Prints which interpreter ran each pass.
#
#   bash tests/other_pythons.sh            # 3.9 and the newest pyenv interpreter
#   PYTHONS="3.9 3.12" bash tests/other_pythons.sh
#
# Interpreters come from pyenv (~/.pyenv/versions/X.Y.*) or PATH (pythonX.Y). A missing one fails
# the run: a version that is never run must not be claimed (README, "Tested Python versions").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${OTHER_PYTHONS_DIR:-"$ROOT/.other-pythons"}
TESTS=(tests/test_corpus.py tests/test_python_analyzer.py tests/test_python_parsing.py
       tests/test_python_values.py tests/test_python_facts.py tests/test_python_crossfile.py tests/test_pyfix.py)

oldest=$(sed -n 's/^requires-python = ">=\([0-9.]*\)".*/\1/p' pyproject.toml)
newest=$(ls "$HOME/.pyenv/versions" 2>/dev/null | grep -E '^3\.[0-9]+\.[0-9]+$' | sort -t. -k1,1n -k2,2n -k3,3n | tail -1 | cut -d. -f1,2)
PYTHONS=${PYTHONS:-"$oldest ${newest:-3.13}"}

find_python() {
    local want=$1 candidate
    for candidate in $(ls -d "$HOME"/.pyenv/versions/"$want".* 2>/dev/null | sort -V -r); do
        if [ -x "$candidate/bin/python" ]; then echo "$candidate/bin/python"; return 0; fi
    done
    command -v "python$want" || return 1
}

status=0
for version in $PYTHONS; do
    python=$(find_python "$version") || { echo "other_pythons: no Python $version on this machine" >&2; exit 1; }
    venv="$WORK/py$version"
    [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT[test]"
    echo "=== $("$venv/bin/python" -c 'import sys; print(sys.executable, sys.version.split()[0])') ==="
    present=()
    for t in "${TESTS[@]}"; do [ -e "$t" ] && present+=("$t"); done
    "$venv/bin/python" -m pytest -q -p no:cacheprovider "${present[@]}" || status=1
done
exit $status
