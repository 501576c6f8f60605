"""Build the frontend, then start the app under gunicorn."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent


def build():
    subprocess.run(["npm", "ci"], cwd=ROOT / "frontend", check=True)
    subprocess.run(["npm", "run", "build"], cwd=ROOT / "frontend", check=True)


def serve():
    subprocess.run(["gunicorn", "-b", "0.0.0.0:8000", "wsgi:app"], check=True)  # ok: FL103


if __name__ == "__main__":
    build()
    if "--serve" in sys.argv:
        serve()
