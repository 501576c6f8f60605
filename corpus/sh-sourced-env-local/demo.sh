#!/bin/sh
set -a
. ./config/demo.env
set +a
flask run
