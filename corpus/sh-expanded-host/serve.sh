#!/bin/sh
# share the demo on the office network
PORT=5000
# expect: FL201
flask run --host "${DEMO_HOST:-0.0.0.0}" --port "$PORT"
