import sys


def main() -> None:
    from gunicorn.app.wsgiapp import run
    sys.argv = ["gunicorn", "web:app"]
    run()
