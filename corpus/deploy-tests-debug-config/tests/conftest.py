import pytest

from app import create_app


@pytest.fixture
def app():
    app = create_app()
    # Test context: never served to anyone.
    app.config["DEBUG"] = True  # expect-dev: FL102
    return app
