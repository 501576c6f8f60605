#!/bin/bash
set -e
MODE="${MODE:-production}"

if [[ $MODE == production ]]; then
    exec gunicorn --bind 0.0.0.0:8000 --workers 3 app:app
else
    # Only a developer setting MODE=local runs this: a debugger on all interfaces is still shown.
    # expect: FL101
    exec flask run --host=0.0.0.0 --port=5000 --debug
fi
