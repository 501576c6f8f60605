"""Webhook receiver for the chat bot. Started with `python bot.py` on the VM."""
import logging

from flask import Flask, request

logging.basicConfig(level=logging.INFO)
app = Flask(__name__)


@app.post("/webhook")
def webhook():
    payload = request.get_json(force=True)
    logging.info("event: %s", payload.get("type"))
    return "", 204


app.run(host="0.0.0.0", port=80, debug=True)  # expect: FL101, FL104
