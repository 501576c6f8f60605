import os

from flask import Flask, session

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "dev")
app.config["DEBUG"] = True  # expect: FL102


@app.route("/visits")
def visits():
    session["n"] = session.get("n", 0) + 1
    return f"visits: {session['n']}"


if __name__ == "__main__":
    app.run()
