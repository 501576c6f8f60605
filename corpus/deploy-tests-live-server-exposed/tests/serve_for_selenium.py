"""Started by the browser tests in a container network: the grid reaches it by hostname."""

from shop import create_app

app = create_app({"TESTING": True})

if __name__ == "__main__":
    # Test context, but the debugger listens on every interface of the CI host.
    app.run(host="0.0.0.0", port=5001, debug=True)  # expect: FL101
