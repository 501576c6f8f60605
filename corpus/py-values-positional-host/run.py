from webapp import app

if __name__ == "__main__":
    app.run("0.0.0.0", 8000)  # expect: FL103
