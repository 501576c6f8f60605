#!/bin/sh
# Keeps the server in a tmux session so an operator can attach to it.
cd /srv/board
tmux new-session -d -s board "gunicorn --bind 0.0.0.0:8000 board:app"
