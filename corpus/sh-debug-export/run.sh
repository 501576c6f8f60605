#!/bin/sh
export FLASK_APP=tracker
# expect: FL202
export FLASK_DEBUG=1
python3 -m flask run --port 5001
