def test_debug_page_shows_traceback(client):
    response = client.get("/missing")
    assert response.status_code == 404
