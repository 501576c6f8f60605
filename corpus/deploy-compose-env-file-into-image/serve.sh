#!/bin/sh
# ok: FL201 (part of the service's FL101 and the image's FL301)
exec flask --app orders run --host=0.0.0.0
