#!/bin/sh
FLASK_DEBUG=0 exec flask --app app run --host 127.0.0.1 --port 8000 --no-reload
