#!/bin/sh
set -a
. ./config/demo.env
set +a
# expect: FL101
flask run
