import threading

from shop import create_app


def test_server_starts_on_loopback():
    app = create_app({"TESTING": True})
    thread = threading.Thread(target=app.run, kwargs={"port": 5055}, daemon=True)
    thread.start()
    thread.join(timeout=0.1)
