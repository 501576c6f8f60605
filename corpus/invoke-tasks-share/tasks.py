from invoke import task


@task
def share(c):
    # expect-dev: FL201
    c.run("flask run --host 0.0.0.0")
