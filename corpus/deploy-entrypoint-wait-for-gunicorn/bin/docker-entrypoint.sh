#!/bin/sh
set -e
flask --app ledger db upgrade
exec ./bin/wait-for-it.sh db:5432 -- gunicorn --bind 0.0.0.0:8000 --workers 3 ledger:app
