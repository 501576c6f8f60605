#!/bin/sh
set -e

case "$1" in
  dev_server)
    # The image's CMD selects this branch: part of the Dockerfile's findings.
    # ok: FL101
    exec flask run --host=0.0.0.0 --port=5000 --debug
    ;;
  prod_server)
    exec gunicorn --bind 0.0.0.0:8000 --workers 3 app:app
    ;;
  *)
    exec "$@"
    ;;
esac
