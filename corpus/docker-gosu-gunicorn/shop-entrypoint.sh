#!/bin/sh
set -e
chown -R shop /srv/shop/instance 2>/dev/null || true
exec gosu shop gunicorn --bind 0.0.0.0:8000 shop:app
