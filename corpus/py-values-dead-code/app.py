from flask import Flask

app = Flask(__name__)

if False:
    # kept for reference: how we used to start it
    app.run(host="0.0.0.0", debug=True)  # ok: FL101, FL104

if __name__ == "__main__":
    app.run()
