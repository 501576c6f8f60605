from flask import Flask as F
from flask import request

app = F(__name__)
notes = []


@app.route("/notes", methods=["GET", "POST"])
def handle_notes():
    if request.method == "POST":
        notes.append(request.form["text"])
    return {"notes": notes}


if __name__ == "__main__":
    app.run("0.0.0.0", 5000, True)  # expect: FL101
