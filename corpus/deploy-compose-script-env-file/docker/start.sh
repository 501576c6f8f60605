#!/bin/sh
set -eu
flask db upgrade
# ok: FL201 (judged at the compose command, with the service's environment)
exec flask run --host 0.0.0.0 --port 5000
