#!/usr/bin/env bash
set -euo pipefail
# ok: FL101 (judged at the compose command that runs this script)
exec uv run flask --app notes run --debug --host 0.0.0.0 --port 8080
