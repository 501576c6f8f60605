from flask import Flask, redirect

app = Flask(__name__)


@app.get("/<code>")
def follow(code):
    return redirect("https://example.com/" + code)
