#!/bin/sh
# a shared development box: the debugger on all interfaces is reachable by everyone on the network
# expect: FL101
python manage.py --debug run -h 0.0.0.0
