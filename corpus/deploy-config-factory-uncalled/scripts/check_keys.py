"""Run before the server starts: fails when the signing key is missing."""
import sys

from shop import create_container_app

if __name__ == "__main__":
    app = create_container_app()
    sys.exit(0 if app.config.get("SECRET_KEY") else 1)
