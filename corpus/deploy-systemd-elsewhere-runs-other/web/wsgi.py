"""For uWSGI or gunicorn: `wsgi:app`."""
from notes import create_app

app = create_app()


if __name__ == "__main__":
    # unknown: the only unit runs worker/run.py, so no launcher of web/ is in view
    app.run(host="0.0.0.0")  # expect: FL103
