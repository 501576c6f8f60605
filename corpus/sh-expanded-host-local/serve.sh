#!/bin/sh
BIND_HOST=127.0.0.1
flask run --host "$BIND_HOST" --port "${PORT:-5000}"
