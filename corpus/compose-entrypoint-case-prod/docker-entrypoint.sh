#!/bin/sh
set -e

case "$1" in
  dev_server)
    # compose's command selects prod_server; this branch runs only by hand.
    # expect: FL101
    exec flask run --host=0.0.0.0 --port=5000 --debug
    ;;
  prod_server)
    exec gunicorn --bind 0.0.0.0:8000 --workers 3 app:app
    ;;
  *)
    exec "$@"
    ;;
esac
