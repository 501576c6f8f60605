from flask import Flask
from werkzeug.serving import run_simple

app = Flask(__name__)
app.debug = True  # ok: FL102 (run_simple serves no debugger console without use_debugger)

if __name__ == "__main__":
    run_simple("127.0.0.1", 5000, app, use_reloader=True)
