#!/bin/sh
set -e
flask --app inventory db upgrade
# expect: FL201
exec flask --app inventory run --host 0.0.0.0 --port 5000
