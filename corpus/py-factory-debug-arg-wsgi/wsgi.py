from notes import create_app

# left over from a debugging session: gunicorn imports this module in production
app = create_app("production", debug=True)  # expect: FL102
