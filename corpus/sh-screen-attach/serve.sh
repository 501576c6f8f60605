#!/bin/bash
# Reattaches to the API's screen session, or starts it bound to loopback without the debugger.
# ok: FL101
screen -r api || screen -dmS api bash -c "cd api; flask --app notes run --port 5000"
screen -S api -X quit
tmux attach -t api
