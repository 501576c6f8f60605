from notes import create_app

if __name__ == "__main__":
    # local development only: production serves wsgi.py with gunicorn
    create_app("development", debug=True).run()  # expect-dev: FL102
