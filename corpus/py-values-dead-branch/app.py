from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    if False:
        app.run()
    else:
        app.run(debug=True)  # expect: FL102
