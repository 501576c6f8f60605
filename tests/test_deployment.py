"""Focused tests of the deployment model's fixes found while writing corpus/deploy-* cases."""

from __future__ import annotations

from projects import scan_project, summary

PACKAGE = "from flask import Flask\n\n\ndef create_app():\n    return Flask(__name__)\n"


def test_python_m_runs_the_whole_main_module_as_a_script(tmp_path):
    """`python -m shop` runs shop/__main__.py top to bottom: its bind is part of the Procfile's FL301,
    and nothing imports the file, so there is no server-at-import-time finding."""
    main = "from shop import create_app\n\napp = create_app()\napp.run(host='0.0.0.0', port=8000)\n"
    result = scan_project(tmp_path, {"Procfile": "web: python -m shop\n", "shop/__init__.py": PACKAGE,
                                     "shop/__main__.py": main})
    assert summary(result) == [("FL301", "Procfile", 1, "high", "production")]
    assert not result.hidden


def test_main_module_next_to_gunicorn_is_development(tmp_path):
    main = "from shop import create_app\n\napp = create_app()\napp.run(debug=True)\n"
    result = scan_project(tmp_path, {"Procfile": 'web: gunicorn "shop:create_app()"\n', "shop/__init__.py": PACKAGE,
                                     "shop/__main__.py": main}, include_dev=True)
    assert summary(result) == [("FL102", "shop/__main__.py", 4, "low", "development")]
    assert "`python -m shop`" in result.findings[0].message


def test_plain_module_level_run_keeps_its_import_time_finding(tmp_path):
    text = "from flask import Flask\n\napp = Flask(__name__)\napp.run()\n"
    result = scan_project(tmp_path, {"app.py": text})
    assert [f.rule for f in result.findings] == ["FL104"]
