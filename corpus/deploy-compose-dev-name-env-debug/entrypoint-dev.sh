#!/bin/sh
set -e
# the dev compose's env_file turns the debugger on, and the port is published on all interfaces
# expect: FL101
exec flask --app tracker run --host=0.0.0.0
