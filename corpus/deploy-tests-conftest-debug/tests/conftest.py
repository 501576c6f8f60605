import pytest

from shop import create_app


@pytest.fixture
def app():
    app = create_app({"TESTING": True})
    # Test context: the test client never opens a socket.
    app.debug = True  # expect-dev: FL102
    return app


@pytest.fixture
def client(app):
    return app.test_client()
