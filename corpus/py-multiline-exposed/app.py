from flask import Flask, render_template, request

app = Flask(__name__)


@app.route("/", methods=["GET", "POST"])
def search():
    query = request.args.get("q", "")
    return render_template("search.html", query=query)


if __name__ == "__main__":
    app.run(  # expect: FL101
        host="0.0.0.0",
        port=5000,
        debug=True,
    )
