#!/bin/sh
set -e
export FLASK_APP=ledger
# ok: FL202 (judged where production starts it: the Dockerfile's ENTRYPOINT)
export FLASK_DEBUG=1
# ok: FL101
exec ./bin/wait-for-it.sh db:5432 -- flask run --host 0.0.0.0 --port 8000
