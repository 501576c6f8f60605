#!/bin/sh
# Builds an image with more workers: the base image's instructions, then its own command.
set -e
sed -e '/^CMD /d' Dockerfile > Dockerfile.workers
cat >> Dockerfile.workers <<EOF
ENV WEB_CONCURRENCY=8
# ok: FL301
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
EOF
docker build -f Dockerfile.workers -t web-workers .
