#!/bin/sh
# One-off maintenance in a throwaway container: migrations and a shell with debug mode on.
set -e
docker compose run --rm api flask --app api db upgrade
docker compose run --rm -e FLASK_DEBUG=1 api flask --app api shell
