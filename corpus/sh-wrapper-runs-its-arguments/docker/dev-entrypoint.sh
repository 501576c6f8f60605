#!/bin/sh
set -e
# The wrapper ends with `exec "$@"`: the shell command given to it is what runs.
exec /opt/wait-for-db.sh /bin/sh -c \
  'flask db upgrade && exec flask run --host=0.0.0.0 --port=8000 --debug'  # expect: FL101
