#!/bin/sh
set -e
exec /opt/wait-for-db.sh gunicorn --bind 0.0.0.0:8000 --workers 3 app:app
