#!/bin/sh
# For trying the app on a laptop: its name says so, and nothing deploys it.
# expect-dev: FL201
flask --app board run --host 0.0.0.0
