#!/bin/sh
set -e
poetry run flask --app pantry db upgrade
# ok: FL201 (a dyno must bind all interfaces; the Procfile's FL301 is the finding)
exec poetry run flask --app pantry run --host 0.0.0.0 --port "$PORT"
