import os

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "inventory"


if __name__ == "__main__":
    # The compose service binds all interfaces with the debugger off: only the FL301 of its command.
    # ok: FL101
    app.run(
        host=os.environ.get("INVENTORY_HOST", "127.0.0.1"),
        port=int(os.environ.get("INVENTORY_PORT", "5000")),
        debug=os.environ.get("INVENTORY_DEBUG", "0").lower() in ("1", "true", "yes"),
    )
