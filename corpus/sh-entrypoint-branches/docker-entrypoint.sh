#!/bin/sh
# Chooses the server by environment. Nothing in this repository runs the
# script: it is how the image someone builds from it starts.
if [ "$APP_STAGE" = "live" ]; then
    exec gunicorn --bind 0.0.0.0:8000 wsgi:app
else
    # expect: FL201
    exec flask --app wsgi run --host=0.0.0.0 --port=8000
fi
