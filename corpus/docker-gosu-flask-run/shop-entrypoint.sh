#!/bin/sh
set -e
chown -R shop /srv/shop/instance 2>/dev/null || true
exec gosu shop flask --app shop run --host 0.0.0.0 --port 8000
