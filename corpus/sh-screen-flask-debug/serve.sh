#!/bin/bash
# Starts the API in a detached screen session for the team's shared test box.
screen -dmS api
# expect: FL101
screen -S api -X screen -t server bash -c "cd api; flask --app notes run --host 0.0.0.0 --debug; read x"
