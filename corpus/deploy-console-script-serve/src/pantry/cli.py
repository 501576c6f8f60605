import os

from pantry import app


def main():
    # ok: FL103 (production runs this through the console script: the Procfile's FL301 is the finding)
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
