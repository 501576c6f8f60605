import connexion

app = connexion.App(__name__, specification_dir="openapi/")
app.add_api("petstore.yaml")

if __name__ == "__main__":
    # debug= is only accepted by connexion 2, which serves with Flask's development server on 0.0.0.0 by default
    app.run(port=8080, debug=True)  # expect: FL101
