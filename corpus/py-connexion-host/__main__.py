import connexion


def main():
    app = connexion.App(__name__, specification_dir="./openapi/")
    app.add_api("openapi.yaml", arguments={"title": "Pet Store"}, pythonic_params=True)
    # connexion 3 serves this with uvicorn; without debug= the server cannot be told apart
    app.run(host="0.0.0.0", port=8080)  # ok: FL103


if __name__ == "__main__":
    main()
