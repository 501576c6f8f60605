from flask import Flask

app = Flask(__name__)


@app.cli.command("reindex")
def reindex():
    print("reindexed")
