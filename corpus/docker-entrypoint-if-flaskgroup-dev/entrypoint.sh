#!/bin/bash
set -e
export SHOP_MODE="${SHOP_MODE:-production}"

if [[ "$SHOP_MODE" == "production" ]]; then
    exec gunicorn --bind 0.0.0.0:8080 "shop:create_app()"
elif [[ "$SHOP_MODE" == "local" ]]; then
    exec shopctl run --host 0.0.0.0 --port 8080
else
    echo "unsupported SHOP_MODE: $SHOP_MODE" >&2
    exit 1
fi
