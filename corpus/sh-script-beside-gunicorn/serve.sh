#!/bin/sh
# A helper beside the real launcher: the Procfile is what production runs.
# expect-dev: FL201
flask --app shop run --host 0.0.0.0 --port 5050
