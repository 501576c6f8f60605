FLASK_APP=shop
# requirements/ does not install python-dotenv, so the Procfile's `flask run` loads no .flaskenv (twin: procfile-flaskenv-dotenv).
# expect-dev: FL302
FLASK_DEBUG=1
