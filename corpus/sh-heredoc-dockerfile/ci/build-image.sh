#!/bin/sh
set -e
cat > Dockerfile <<'EOF'
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
# expect: FL301
CMD ["flask", "run", "--host=0.0.0.0"]
EOF
docker build -t web .
