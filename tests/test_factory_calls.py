"""A config load inside an app factory runs only where the factory is called: importing its module is not that."""

from __future__ import annotations

from projects import scan_project, summary

SHOP = (
    "import os\nfrom flask import Flask\nfrom .config import ProductionConfig, config\n\n\n"
    "def create_app(config_name='development'):\n    app = Flask(__name__)\n"
    "    app.config.from_object(config[os.environ.get('SHOP_CONFIG', config_name)])\n    return app\n\n\n"
    "def create_worker_app():\n    app = Flask(__name__)\n    app.config.from_object(ProductionConfig)\n    return app\n"
)
CONFIG = ("class DevelopmentConfig:\n    DEBUG = True\n\n\nclass ProductionConfig:\n    DEBUG = False\n\n\n"
          "config = {'development': DevelopmentConfig, 'production': ProductionConfig}\n")  # DEBUG on line 2
CHECK = "from shop import create_worker_app\n\nif __name__ == '__main__':\n    create_worker_app()\n"


def _project(procfile: str, **extra: str) -> dict[str, str]:
    return {"shop/__init__.py": SHOP, "shop/config.py": CONFIG, "check.py": CHECK, "Procfile": procfile, **extra}


def test_a_script_that_imports_the_module_and_calls_a_sibling_factory_does_not_run_the_load(tmp_path):
    result = scan_project(tmp_path, _project("release: python check.py\nweb: gunicorn 'shop:create_worker_app()'\n"))
    assert summary(result) == []
    (hidden,) = result.hidden
    assert (hidden.rule, hidden.path, hidden.context) == ("FL102", "shop/config.py", "development")
    assert "never calls `create_app()`" in hidden.message


def test_a_wsgi_target_calling_the_factory_keeps_it_production(tmp_path):
    result = scan_project(tmp_path, _project("release: python check.py\nweb: gunicorn 'shop:create_app()'\n"))
    assert summary(result) == [("FL102", "shop/config.py", 2, "high", "production")]


def test_a_production_script_calling_the_factory_keeps_it_production(tmp_path):
    runner = "from shop import create_app\n\nif __name__ == '__main__':\n    create_app().run(port=8000)\n"
    result = scan_project(tmp_path, _project("web: python serve.py\n", **{"serve.py": runner}))
    assert ("FL102", "shop/config.py", 2, "high", "production") in summary(result)


def test_a_module_level_app_keeps_it_production(tmp_path):
    files = _project("release: python check.py\nweb: gunicorn 'shop:create_worker_app()'\n")
    files["shop/__init__.py"] = SHOP + "\napp = Flask(__name__)\n"
    assert summary(scan_project(tmp_path, files)) == [("FL102", "shop/config.py", 2, "high", "production")]


def test_flask_run_discovers_create_app_so_the_load_runs_in_production(tmp_path):
    """`flask run` finds `create_app` and calls it, so production runs the load; then it sets debug mode from
    FLASK_DEBUG over the config's DEBUG (flask.cli.ScriptInfo.load_app): the FL301 is the finding."""
    result = scan_project(tmp_path, _project("web: flask --app shop run --port $PORT\n"))
    assert ("FL102", "shop/config.py", 2, "high", "production") not in summary(result)
    (hidden,) = [f for f in result.hidden if f.rule == "FL102"]
    assert (hidden.path, hidden.context) == ("shop/config.py", "development")
    assert "reached in production from `flask run`" in hidden.message
    assert "`flask run` sets debug mode from FLASK_DEBUG" in hidden.message


def test_flask_run_naming_a_sibling_factory_does_not_run_the_load(tmp_path):
    result = scan_project(tmp_path, _project("web: flask --app 'shop:create_worker_app()' run --port $PORT\n"))
    assert ("FL102", "shop/config.py", 2, "high", "production") not in summary(result)
