#!/bin/bash
set -e
MODE="${MODE:-production}"

if [[ $MODE == production ]]; then
    exec gunicorn --bind 0.0.0.0:8000 --workers 3 app:app
else
    # The image's ENV selects this branch: part of the Dockerfile's findings.
    # ok: FL101
    exec flask run --host=0.0.0.0 --port=5000 --debug
fi
