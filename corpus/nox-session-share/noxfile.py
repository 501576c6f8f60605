import nox


@nox.session
def demo(session):
    session.install("-r", "requirements.txt")
    # expect-dev: FL201
    session.run("flask", "run", "--host", "0.0.0.0")
