"""For uWSGI or gunicorn: `wsgi:app`."""
from notes import create_app

app = create_app()


if __name__ == "__main__":
    # development: the unit in etc/systemd/ runs web/server.py, a launcher of this folder
    app.run(host="0.0.0.0")  # expect-dev: FL103
