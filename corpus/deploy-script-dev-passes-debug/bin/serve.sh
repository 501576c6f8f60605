#!/bin/sh
set -e
# expect-dev: FL201
exec flask --app forum run --host 0.0.0.0 --port "${PORT:-5000}"
