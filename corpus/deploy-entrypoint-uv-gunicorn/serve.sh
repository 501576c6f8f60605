#!/usr/bin/env bash
set -euo pipefail
exec uv run gunicorn --bind 0.0.0.0:8080 --workers 2 notes:app
