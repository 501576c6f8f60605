#!/bin/bash
set -e
: "${MODE:=production}"

if [[ $MODE == production ]]; then
    exec gunicorn --bind 0.0.0.0:8000 --workers 3 app:app
elif [[ $MODE == local ]]; then
    # The image's ENV selects this branch: part of the Dockerfile's findings.
    # ok: FL101
    exec flask run --host=0.0.0.0 --port=5000 --debug
else
    echo "unknown MODE: $MODE" >&2
    exit 1
fi
