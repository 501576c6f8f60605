#!/bin/sh
set -e
flask --app polls db upgrade
# ok: FL201 (judged at the Procfile, with the .flaskenv it loads)
exec flask --app polls run --host 0.0.0.0 --port "$PORT"
