#!/bin/sh
# ok: FL201 (the Dockerfile's FL301 covers this start)
exec flask --app stock run --host 0.0.0.0
