#!/bin/sh
# Open the API with the interactive debugger, published on every interface of this machine.
set -e
# expect: FL101
docker compose run --rm -e FLASK_DEBUG=1 -p 5000:5000 api flask --app api run --host 0.0.0.0
