from shop import create_app

app = create_app()
# Only `python -m shop` runs this file; production imports the package with gunicorn.
app.run(debug=True)  # expect-dev: FL102
