#!/bin/sh
python manage.py --debug run
