#!/usr/bin/env bash
# Minimal wait-for-it: block until HOST:PORT accepts connections, then run the command after `--`.
hostport="$1"
shift
[ "$1" = "--" ] && shift
until nc -z "${hostport%:*}" "${hostport#*:}"; do
  sleep 1
done
exec "$@"
