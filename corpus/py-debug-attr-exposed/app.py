from flask import Flask, request

app = Flask(__name__)
app.debug = True


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
    f.save(f"/tmp/{f.filename}")
    return "saved"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)  # expect: FL101
