#!/bin/sh
python manage.py init_db
# Flask-Script's default runserver: -h sets the host, -d turns the Werkzeug debugger on
# expect: FL101
python manage.py runserver -h 0.0.0.0 -d
