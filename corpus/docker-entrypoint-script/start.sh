#!/bin/sh
set -e
flask --app inventory db upgrade
# ok: FL201 (production runs this script: the Dockerfile CMD carries FL301, and binding all interfaces is what a container must do)
exec flask --app inventory run --host 0.0.0.0 --port 5000
