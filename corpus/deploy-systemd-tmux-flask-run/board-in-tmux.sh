#!/bin/sh
# Keeps the server in a tmux session so an operator can attach to it.
cd /srv/board
tmux new-session -d -s board "flask --app board run --host 0.0.0.0 --port 8000"
