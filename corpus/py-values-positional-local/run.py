from webapp import app

if __name__ == "__main__":
    app.run("127.0.0.1", 8000)  # ok: FL103
