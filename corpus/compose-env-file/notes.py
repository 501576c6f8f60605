from flask import Flask, jsonify

app = Flask(__name__)
NOTES = [{"id": 1, "text": "buy milk"}]


@app.get("/notes")
def list_notes():
    return jsonify(NOTES)
