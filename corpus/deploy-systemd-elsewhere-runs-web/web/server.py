"""Serves the notes app with waitress (what the unit runs)."""
from waitress import serve

from notes import create_app

if __name__ == "__main__":
    serve(create_app(), host="0.0.0.0", port=8080)
