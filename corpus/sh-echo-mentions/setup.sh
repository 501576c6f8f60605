#!/bin/bash
# Do NOT use: flask run --host=0.0.0.0 --debug
set -e
python -m venv .venv
.venv/bin/pip install -r requirements.txt
echo "Done. Start the app with: flask run --host=0.0.0.0"
cat <<EOF2 > README.local
Run locally:
    flask --app app run --debug --host 0.0.0.0
EOF2
printf '%s\n' 'FLASK_DEBUG=1 flask run'
