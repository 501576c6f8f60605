#!/bin/bash
APP_HOME="$(cd "$(dirname "$0")/.." && pwd)"
cd "$APP_HOME/www"
exec python3 ./ledger_server.py
