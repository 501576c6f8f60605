"""The table of frameworks built on Flask/Werkzeug (flasklint.python.frameworks) and the rules that ask it."""

from __future__ import annotations

import pytest

from flasklint.analyzers import python as py
from flasklint.analyzers.base import AnalysisContext
from flasklint.python import frameworks
from flasklint.python import prefilter
from flasklint.sources.source import decode

GUARD = 'if __name__ == "__main__":\n    '


def _analysis(code: str):
    return py.analyze(decode(code.encode(), python=True), AnalysisContext("app.py", "python"))


def rules(code: str) -> list[str]:
    return sorted(f.rule for f in _analysis(code).findings)


def test_every_row_names_its_sources_and_is_found_by_its_constructors():
    kinds = [row.kind for row in frameworks.FRAMEWORKS]
    assert len(kinds) == len(set(kinds))
    for row in frameworks.FRAMEWORKS:
        assert row.sources and all(source.startswith("https://github.com/") for source in row.sources)
        assert row.constructors and row.distribution
        for name in row.constructors:
            assert frameworks.by_constructor(name) is row
        assert frameworks.by_kind(row.kind) is row
    assert frameworks.by_constructor("flask.Flask") is None
    assert frameworks.by_constructor(None) is None
    assert all(source.startswith("https://github.com/") for source in frameworks.FLASK_SUBCLASSES.values())


def test_screen_words_keep_short_module_names_out():
    """`eve` is inside "event" and "level": the screen looks for `Eve(` instead of the module name."""
    words = frameworks.screen_words()
    assert b"maxfw" in words and b"dash" in words and b"eve(" in words and b"eve" not in words


@pytest.mark.parametrize(
    "code, expected",
    [
        # MAXApp.run(host='0.0.0.0', port=5000): no host given binds all interfaces; at module level it runs on import
        ("from maxfw.core import MAXApp\nmax_app = MAXApp('t', 'd', '1')\nmax_app.run()\n", ["FL103", "FL104"]),
        ("from maxfw.core import MAXApp\nmax_app = MAXApp('t')\n" + GUARD + "max_app.run()\n", ["FL103"]),
        ("from maxfw.core import MAXApp\nmax_app = MAXApp('t')\n" + GUARD + "max_app.run('127.0.0.1')\n", []),
        ("from maxfw.core import MAXApp\nmax_app = MAXApp('t')\n" + GUARD + "max_app.run(host='127.0.0.1')\n", []),
        # connexion 2 only (debug=/server= settle the version): its run binds 0.0.0.0 when no host is given
        ("import connexion\napp = connexion.FlaskApp(__name__)\n" + GUARD + "app.run(port=8080, debug=False)\n",
         ["FL103"]),
        ("import connexion\napp = connexion.App(__name__)\n" + GUARD + "app.run(port=8080, server='flask')\n",
         ["FL103"]),
        ("import connexion\napp = connexion.App(__name__)\n" + GUARD + "app.run(port=8080, server='gevent')\n", []),
        ("import connexion\napp = connexion.App(__name__)\n" + GUARD + "app.run(port=8080)\n", []),
        ("import connexion\napp = connexion.App(__name__)\n" + GUARD + "app.run(port=8080, host='127.0.0.1', "
         "debug=False)\n", []),
        # subclasses of Flask resolve as Flask apps, whatever their name
        ("from apiflask import APIFlask\napi = APIFlask(__name__)\n" + GUARD + "api.run(debug=True)\n", ["FL102"]),
        ("from flask_openapi3 import OpenAPI\nsvc = OpenAPI(__name__)\n" + GUARD + "svc.run(host='0.0.0.0')\n",
         ["FL103"]),
        ("from eve import Eve\nsvc = Eve()\n" + GUARD + "svc.run(host='::', debug=True)\n", ["FL101"]),
        # Dash takes its host from HOST when none is given (127.0.0.1 when unset): nothing by default
        ("from dash import Dash\napp = Dash(__name__)\n" + GUARD + "app.run()\n", []),
    ],
)
def test_starts_follow_the_table(code, expected):
    assert rules(code) == expected


def test_a_framework_default_host_is_explained_and_fixed_by_adding_a_host():
    code = "from maxfw.core import MAXApp\nmax_app = MAXApp('t')\n" + GUARD + "max_app.run()\n"
    result = _analysis(code)
    (finding,) = result.findings
    assert "MAX-Framework MAXApp's `run()` binds its default \"0.0.0.0\"" in finding.message
    starts = result.facts["starts"]
    assert [(s["kind"], s["bind_all"]) for s in starts] == [("maxfw", True)]


def test_files_building_a_framework_app_pass_the_prefilter():
    assert prefilter.may_matter(b"from maxfw.core import MAXApp\nm = MAXApp()\nm.run()\n")
    assert not prefilter.may_matter(b"import events\nlevel = events.run()\n")
