#!/bin/sh
set -e

case "$1" in
  dev_server)
    # compose's command selects this branch in production.
    # expect: FL101, FL301
    exec flask run --host=0.0.0.0 --port=5000 --debug
    ;;
  prod_server)
    exec gunicorn --bind 0.0.0.0:8000 --workers 3 app:app
    ;;
  *)
    exec "$@"
    ;;
esac
