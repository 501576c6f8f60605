#!/bin/sh
set -eu
flask db upgrade
exec gunicorn --bind 0.0.0.0:5000 --workers "${WEB_CONCURRENCY:-2}" inventory:app
