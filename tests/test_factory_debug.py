"""`create_app(debug=True)` where the factory hands the parameter to the app's debug (python/factories.py, crossfile)."""

from __future__ import annotations

import pytest

from flasklint.analyzers import python as py
from flasklint.analyzers.base import AnalysisContext
from flasklint.sources.source import decode
from projects import scan_project, summary

FACTORY = (
    "from flask import Flask\n"
    "\n"
    "def create_app(config='production', debug=False):\n"
    "    app = Flask(__name__)\n"
    "    {switch}\n"
    "    return app\n"
)


def _facts(code: str, path: str = "app.py") -> dict:
    return py.analyze(decode(code.encode(), python=True), AnalysisContext(path, "python")).facts


@pytest.mark.parametrize("switch", ["app.debug = debug", "app.config['DEBUG'] = debug",
                                    "app.config.update(DEBUG=debug)", "app.debug = bool(debug)"])
def test_the_parameter_reaching_debug_is_a_fact(switch):
    entry = _facts(FACTORY.format(switch=switch))["factory_debug"]["create_app"]
    assert (entry["param"], entry["position"], entry["line"]) == ("debug", 1, 5)


@pytest.mark.parametrize("switch", ["app.debug = False", "app.config['TESTING'] = debug", "app.secret = debug"])
def test_other_statements_are_not(switch):
    assert "factory_debug" not in _facts(FACTORY.format(switch=switch))


def test_calls_record_only_evaluable_truthy_values_and_never_the_standard_library():
    code = ("import os\nfrom pkg import create_app\nfrom pkg import factory\n"
            "a = create_app('prod', debug=True)\nb = create_app(debug=False)\nc = factory.make_app(True)\n"
            "d = os.getenv('X', 'y')\n")
    calls = _facts(code)["factory_calls"]
    assert [(c["target"], sorted(c["passed"])) for c in calls] == [
        ("pkg.create_app", ["0", "debug"]), ("pkg.factory.make_app", ["0"])]


def _project(tmp_path, wsgi: str, switch: str = "app.debug = debug") -> list:
    return summary(scan_project(tmp_path, {"pkg/__init__.py": FACTORY.format(switch=switch), "wsgi.py": wsgi,
                                           "Procfile": "web: gunicorn wsgi:app\n"}))


def test_a_truthy_argument_to_the_debug_parameter_is_fl102_at_the_argument(tmp_path):
    found = _project(tmp_path, "from pkg import create_app\napp = create_app('production', debug=True)\n")
    assert [(rule, path, line, severity, context) for rule, path, line, severity, context in found] == [
        ("FL102", "wsgi.py", 2, "high", "production")]


def test_by_position_too(tmp_path):
    """(In a file the prefilter reads: one that mentions debug or runs a server.)"""
    found = _project(tmp_path, "from pkg import create_app\napp = create_app('production', 1)\n"
                               "if __name__ == '__main__':\n    app.run()\n")
    assert [(rule, path, line) for rule, path, line, *_ in found] == [("FL102", "wsgi.py", 2)]


@pytest.mark.parametrize("wsgi", [
    "from pkg import create_app\napp = create_app('production')\n",
    "from pkg import create_app\napp = create_app('production', debug=False)\n",
    "from pkg import create_app\napp = create_app(True)\n",  # the config parameter, not debug
])
def test_no_finding_when_the_debug_parameter_stays_off(tmp_path, wsgi):
    assert _project(tmp_path, wsgi) == []


def test_no_finding_when_the_factory_does_not_hand_it_to_debug(tmp_path):
    assert _project(tmp_path, "from pkg import create_app\napp = create_app(debug=True)\n",
                    switch="app.config['VERBOSE'] = debug") == []


def test_a_local_factory_call_in_the_same_file(tmp_path):
    code = FACTORY.format(switch="app.debug = debug") + "app = create_app('prod', debug=True)\n"
    found = summary(scan_project(tmp_path, {"app.py": code, "Procfile": "web: gunicorn app:app\n"}))
    assert [(rule, path, line) for rule, path, line, *_ in found] == [("FL102", "app.py", 7)]


CONFIG_FACTORY = (
    "from flask import Flask\n"
    "from settings import configs\n"
    "\n"
    "def create_app(config_name='production'):\n"
    "    app = Flask(__name__)\n"
    "    app.config.from_object({load})\n"
    "    return app\n"
)
SETTINGS = (
    "class Dev:\n    DEBUG = True\n\nclass Prod:\n    DEBUG = False\n\n"
    "configs = {'development': Dev, 'production': Prod}\n"
)


@pytest.mark.parametrize("load, how", [("config_name", "object"), ("configs[config_name]", "mapping")])
def test_the_parameter_choosing_the_config_is_a_fact(load, how):
    entry = _facts(CONFIG_FACTORY.format(load=load))["factory_config"]["create_app"]
    assert (entry["param"], entry["how"], entry["position"], entry["line"]) == ("config_name", how, 0, 6)
    if how == "mapping":
        assert entry["container"] == "settings.configs"


@pytest.mark.parametrize("load, argument, expected", [
    ("config_name", "'settings.Dev'", [("FL102", "wsgi.py", 2, "high", "production")]),
    ("config_name", "'settings.Prod'", []),
    ("configs[config_name]", "'development'", [("FL102", "wsgi.py", 2, "high", "production")]),
    ("configs[config_name]", "config_name='development'", [("FL102", "wsgi.py", 2, "high", "production")]),
    ("configs[config_name]", "'production'", []),
    ("configs[config_name]", "", []),
])
def test_a_caller_naming_a_debug_config_is_fl102_at_the_call(tmp_path, load, argument, expected):
    files = {"pkg/__init__.py": CONFIG_FACTORY.format(load=load), "settings.py": SETTINGS,
             "wsgi.py": f"from pkg import create_app\napp = create_app({argument})\n",
             "Procfile": "web: gunicorn wsgi:app\n"}
    assert summary(scan_project(tmp_path, files)) == expected


def test_a_development_script_naming_the_debug_config_stays_development(tmp_path):
    files = {"pkg/__init__.py": CONFIG_FACTORY.format(load="config_name"), "settings.py": SETTINGS,
             "wsgi.py": "from pkg import create_app\napp = create_app('settings.Prod')\n",
             "run.py": "from pkg import create_app\nif __name__ == '__main__':\n    create_app('settings.Dev').run()\n",
             "Procfile": "web: gunicorn wsgi:app\n"}
    assert summary(scan_project(tmp_path, files)) == []


def test_a_class_the_package_re_exports(tmp_path):
    files = {"pkg/__init__.py": CONFIG_FACTORY.format(load="config_name"),
             "config/__init__.py": "from config.default import DefaultConfig\n",
             "config/default.py": "class DefaultConfig:\n    DEBUG = True\n",
             "wsgi.py": "from pkg import create_app\napp = create_app('config.DefaultConfig')\n",
             "Procfile": "web: gunicorn wsgi:app\n"}
    assert [(rule, path, line) for rule, path, line, *_ in summary(scan_project(tmp_path, files))] == [
        ("FL102", "wsgi.py", 2)]
