from invoke import task


@task
def dev(c):
    c.run("flask run")


@task
def test(c):
    c.run("pytest")
