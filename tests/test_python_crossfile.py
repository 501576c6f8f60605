"""Config and constants from other files of the project (flasklint/python/crossfile.py), found as Python would."""

from __future__ import annotations

from pathlib import Path

from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import scan


def scan_tree(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = scan([str(tmp_path)], ScanOptions(cache=False))
    root = str(tmp_path).rstrip("/") + "/"
    return sorted((f.path[len(root):], f.span.start.line, f.rule) for f in result.findings)


APP = "from flask import Flask\n{imports}\napp = Flask(__name__)\n{body}\n"


def test_a_package_module_under_src_is_found(tmp_path: Path) -> None:
    files = {
        "src/shop/__init__.py": APP.format(imports="from shop import settings", body="app.config.from_object(settings)"),
        "src/shop/settings.py": "DEBUG = True\n",
    }
    assert scan_tree(tmp_path, files) == [("src/shop/settings.py", 1, "FL102")]


def test_a_package_init_is_a_module(tmp_path: Path) -> None:
    files = {
        "app.py": APP.format(imports="", body='app.config.from_object("conf")'),
        "conf/__init__.py": "class X:\n    pass\nDEBUG = 1\n",
    }
    assert scan_tree(tmp_path, files) == [("conf/__init__.py", 3, "FL102")]


def test_relative_imports_start_from_the_package(tmp_path: Path) -> None:
    files = {
        "web/__init__.py": "",
        "web/app.py": APP.format(imports="from .config import DevConfig", body="app.config.from_object(DevConfig)"),
        "web/config.py": "class DevConfig:\n    DEBUG = True\n",
        "config.py": "class DevConfig:\n    DEBUG = False\n",
    }
    assert scan_tree(tmp_path, files) == [("web/config.py", 2, "FL102")]


def test_config_that_turns_debug_off_or_is_missing_is_no_finding(tmp_path: Path) -> None:
    files = {
        "app.py": APP.format(imports="import config", body="app.config.from_object(config.Prod)\napp.config.from_object('nowhere.Dev')"),
        "config.py": "class Prod:\n    DEBUG = False\nclass Dev:\n    DEBUG = True\n",
    }
    assert scan_tree(tmp_path, files) == []


def test_imported_constants_resolve_host_and_debug(tmp_path: Path) -> None:
    run = APP.format(imports="import defaults", body='if __name__ == "__main__":\n    app.run(host=defaults.HOST)\n    app.run(debug=defaults.DEBUG)')
    files = {"run.py": run, "defaults.py": 'HOST = "0.0.0.0"\nDEBUG = True\n'}
    assert scan_tree(tmp_path, files) == [("run.py", 5, "FL103"), ("run.py", 6, "FL102")]


def test_a_config_from_another_module_gives_app_run_its_debugger(tmp_path: Path) -> None:
    """`app.run(host="0.0.0.0")` with no debug argument serves the debugger when the app's config turns debug
    mode on (Flask.run uses app.debug): with the config class in another module, FL101 at the start (its
    FL103 is part of it), beside the config's own FL102."""
    factory = ("def create_app():\n    app = Flask(__name__)\n    app.config.from_object(config.Dev)\n    return app\n"
               'if __name__ == "__main__":\n    create_app().run(host="0.0.0.0")\n')
    files = {"run.py": "from flask import Flask\nimport config\n" + factory,
             "config.py": "class Base:\n    DEBUG = True\nclass Dev(Base):\n    pass\n"}
    assert scan_tree(tmp_path, files) == [("config.py", 2, "FL102"), ("run.py", 8, "FL101")]
    # a debug argument, or a debug mode set in the file, decides instead; a config with DEBUG off gives nothing
    for change in ('run(host="0.0.0.0", debug=False)', ):
        files["run.py"] = files["run.py"].replace('run(host="0.0.0.0")', change)
        assert ("run.py", 8, "FL101") not in scan_tree(tmp_path, files)
    files["run.py"] = "from flask import Flask\nimport config\n" + factory.replace(
        "    return app", '    app.debug = False\n    return app')
    assert ("run.py", 9, "FL101") not in scan_tree(tmp_path, files)
    files["config.py"] = "class Base:\n    DEBUG = False\nclass Dev(Base):\n    pass\n"
    files["run.py"] = "from flask import Flask\nimport config\n" + factory
    assert scan_tree(tmp_path, files) == [("run.py", 8, "FL103")]


def test_nothing_is_imported(tmp_path: Path) -> None:
    marker = tmp_path / "imported"
    files = {
        "app.py": APP.format(imports="import settings", body="app.config.from_object(settings)"),
        "settings.py": f"open({str(marker)!r}, 'w')\nDEBUG = True\n",
    }
    assert scan_tree(tmp_path, files) == [("settings.py", 2, "FL102")]
    assert not marker.exists()


def test_from_envvar_loads_the_file_its_variable_defaults_to(tmp_path: Path) -> None:
    body = 'os.environ.setdefault("SETTINGS", "conf/dev.py")\napp.config.from_envvar("SETTINGS")'
    files = {"app.py": APP.format(imports="import os", body=body), "conf/dev.py": "DEBUG = True\n"}
    assert scan_tree(tmp_path, files) == [("conf/dev.py", 1, "FL102")]
    files["app.py"] = APP.format(imports="", body='app.config.from_envvar("SETTINGS")')
    assert scan_tree(tmp_path / "none", files) == []
