import os

from flask import Flask

app = Flask(__name__)


@app.get("/notes")
def notes():
    return {"notes": []}


if __name__ == "__main__":
    # The ConfigMaps give NOTES_DEBUG "True" (staging) and "False" (production): both non-empty strings,
    # so `debug=` is true in both, but NOTES_HOST 127.0.0.1 in both: only the image's FL301.
    # ok: FL101
    app.run(debug=os.environ["NOTES_DEBUG"], host=os.environ.get("NOTES_HOST", "127.0.0.1"))
