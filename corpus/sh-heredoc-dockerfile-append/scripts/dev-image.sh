#!/bin/sh
# Builds a development image: the base image's instructions, then development settings.
set -e
sed -e '/^CMD /d' Dockerfile > Dockerfile.dev
cat >> Dockerfile.dev <<EOF
ENV FLASK_DEBUG=1
# expect: FL101
# expect-dev: FL301
CMD ["flask", "run", "--host=0.0.0.0", "--port=5000"]
EOF
docker build -f Dockerfile.dev -t web-dev .
docker run --rm -p 127.0.0.1:5000:5000 web-dev
