#!/bin/sh
# on this machine only: loopback
python manage.py runserver -d
