import connexion

app = connexion.App(__name__, specification_dir="spec/")
app.add_api("inventory.yaml", strict_validation=True)

if __name__ == "__main__":
    # connexion 2's run() binds 0.0.0.0 when no host is given; server="flask" is its Werkzeug server
    app.run(port=8080, server="flask")  # expect: FL103
