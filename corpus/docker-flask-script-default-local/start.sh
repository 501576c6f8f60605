#!/bin/sh
python manage.py init_db
exec gunicorn --bind 0.0.0.0:5000 "shop:create_app()"
