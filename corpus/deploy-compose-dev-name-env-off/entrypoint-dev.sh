#!/bin/sh
set -e
# the dev compose's env_file keeps the debugger off: binding all interfaces in a dev container is expected
# expect-dev: FL201
exec flask --app tracker run --host=0.0.0.0
