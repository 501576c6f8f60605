#!/bin/sh
# Run from the repository root: `bin/dev.sh`. The debugger is exported here, the bind is in serve.sh.
set -e
export FLASK_DEBUG=1
# expect: FL101
exec bin/serve.sh
