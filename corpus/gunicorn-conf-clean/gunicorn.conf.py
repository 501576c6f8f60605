wsgi_app = "app:app"
bind = "0.0.0.0:8000"
workers = 4
raw_env = ["APP_ENV=production", "FLASK_DEBUG=0"]
