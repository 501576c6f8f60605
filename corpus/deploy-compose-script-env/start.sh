#!/bin/sh
set -e
flask --app inventory db upgrade
# Run by the compose service in production: judged there, with the service's environment.
# ok: FL201
exec flask --app inventory run -h 0.0.0.0 -p 5000
