import pytest

from api import app as flask_app


@pytest.fixture
def client():
    flask_app.config.update(TESTING=True, DEBUG=False)
    with flask_app.test_client() as client:
        yield client


def test_health(client):
    assert client.get("/health").json == {"status": "ok"}
