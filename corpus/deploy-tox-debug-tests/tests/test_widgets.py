from api import app


def test_widgets():
    app.config.update(TESTING=True, DEBUG=True)  # expect-dev: FL102
    response = app.test_client().get("/api/widgets")
    assert response.status_code == 200
