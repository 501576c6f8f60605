import pytest

from shop import create_app


@pytest.fixture
def app():
    app = create_app({"TESTING": True, "DEBUG": False})
    yield app


@pytest.fixture
def client(app):
    return app.test_client()
