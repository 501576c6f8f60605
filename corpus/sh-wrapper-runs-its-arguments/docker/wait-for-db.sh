#!/bin/sh
# Waits for the database, then runs the command it was given.
until nc -z db 5432; do
  sleep 1
done
exec "$@"
