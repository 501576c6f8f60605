"""The Python analyzer's promises, one behaviour per test (the corpus covers realistic shapes)."""

from __future__ import annotations

import textwrap

import pytest

from flasklint.analyzers import python as py
from flasklint.analyzers.base import AnalysisContext
from flasklint.sources.source import decode


def findings(code: str) -> list[tuple[str, int]]:
    source = decode(textwrap.dedent(code).encode(), python=True)
    result = py.analyze(source, AnalysisContext("app.py", "python"))
    return sorted((f.rule, f.span.start.line) for f in result.findings)


def rules(code: str) -> list[str]:
    return [rule for rule, _ in findings(code)]


HEADER = "from flask import Flask\napp = Flask(__name__)\n"
GUARD = 'if __name__ == "__main__":\n    '


@pytest.mark.parametrize(
    "call, expected",
    [
        ('app.run(host="0.0.0.0", debug=True)', ["FL101"]),
        ('app.run("0.0.0.0", 5000, True)', ["FL101"]),
        ('app.run(host="0.0.0.0")', ["FL103"]),
        ('app.run(host="::")', ["FL103"]),
        ('app.run(host="0:0:0:0:0:0:0:0")', ["FL103"]),
        ('app.run(host="[::]")', ["FL103"]),
        ('app.run(debug=True)', ["FL102"]),
        ('app.run(debug=1)', ["FL102"]),
        ('app.run(debug="false")', ["FL102"]),
        ('app.run(**{"host": "0.0.0.0"})', ["FL103"]),
        ('app.run(host="")', []),
        ('app.run(host=None)', []),
        ('app.run()', []),
        ('app.run(host="127.0.0.1")', []),
        ('app.run(debug=False)', []),
        ('app.run(debug=None)', []),
        ('app.run(debug=True, use_debugger=False)', []),
        ('app.run(host="0.0.0.0", debug=os.environ.get("FLASK_DEBUG"))', ["FL103"]),
    ],
)
def test_app_run_arguments(call, expected):
    assert rules("import os\n" + HEADER + GUARD + call + "\n") == expected


def test_receiver_resolved_through_alias_and_module_import():
    assert rules('from flask import Flask as F\napp = F(__name__)\n' + GUARD + 'app.run(debug=True)\n') == ["FL102"]
    assert rules('import flask\nweb = flask.Flask(__name__)\n' + GUARD + 'web.run(debug=True)\n') == ["FL102"]


def test_factory_in_same_module_is_followed():
    code = """
    from flask import Flask
    def create_app():
        app = Flask(__name__)
        app.debug = True
        return app
    application = create_app()
    if __name__ == "__main__":
        application.run(host="0.0.0.0")
    """
    assert findings(code) == [("FL101", 9)]


@pytest.mark.parametrize(
    "code",
    [
        "import subprocess\nsubprocess.run(['ls'], check=True)\n",
        "import asyncio\nasyncio.run(main(), debug=True)\n",
        "import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\nuvicorn.run(app, host='0.0.0.0')\n",
        "class Runner:\n    def run(self, host): pass\nr = Runner()\nr.run(host='0.0.0.0')\n",
        "from fastapi import FastAPI\napp = FastAPI()\nif __name__ == '__main__':\n    app.run(host='0.0.0.0')\n",
        "s = 'app.run(host=\"0.0.0.0\", debug=True)'\n# app.run(host='0.0.0.0', debug=True)\n",
    ],
)
def test_things_that_are_not_a_flask_dev_server_are_silent(code):
    assert rules(code) == []


def test_unresolved_receiver_needs_a_conventional_name_and_flask_keywords():
    assert rules("from myapp import app\nif __name__ == '__main__':\n    app.run(debug=True)\n") == ["FL102"]
    assert rules("from myapp import app\nif __name__ == '__main__':\n    app.run()\n") == []
    assert rules("from myapp import thing\nif __name__ == '__main__':\n    thing.run(debug=True)\n") == []


def test_fallback_says_so_in_the_message():
    source = decode(b"from myapp import app\nif __name__ == '__main__':\n    app.run(host='0.0.0.0')\n", python=True)
    (finding,) = py.analyze(source, AnalysisContext("run.py", "python")).findings
    assert "not defined in this file" in finding.message


@pytest.mark.parametrize(
    "statement",
    [
        "app.debug = True",
        'app.config["DEBUG"] = True',
        "app.config.update(DEBUG=True)",
        "app.config.from_mapping(DEBUG=True)",
        'app.config.update({"DEBUG": True})',
    ],
)
def test_debug_switched_on_by_statements(statement):
    assert rules(HEADER + statement + "\n") == ["FL102"]


def test_debug_statement_plus_bind_all_is_one_fl101():
    code = HEADER + 'app.config["DEBUG"] = True\n' + GUARD + 'app.run(host="0.0.0.0")\n'
    assert findings(code) == [("FL101", 5)]


def test_config_class_loaded_by_from_object():
    code = HEADER + "class Config:\n    DEBUG = True\nclass Dev(Config):\n    pass\napp.config.from_object(Dev)\n"
    assert rules(code) == ["FL102"]
    assert rules(HEADER + "class Config:\n    DEBUG = False\napp.config.from_object(Config)\n") == []


def test_module_constant_and_environment_default_resolve():
    code = 'import os\nHOST = os.environ.get("HOST", "0.0.0.0")\n' + HEADER + GUARD + "app.run(host=HOST)\n"
    source = decode(code.encode(), python=True)
    (finding,) = py.analyze(source, AnalysisContext("app.py", "python")).findings
    assert finding.rule == "FL103"
    assert "via HOST on line 2" in finding.message and "HOST is unset" in finding.message


def test_environment_without_default_is_not_a_finding():
    assert rules('import os\n' + HEADER + GUARD + 'app.run(host=os.environ["HOST"], debug=os.getenv("D"))\n') == []


def test_bool_of_a_string_default_is_true():
    assert rules('import os\n' + HEADER + GUARD + 'app.run(debug=bool(os.getenv("DEBUG", "False")))\n') == ["FL102"]
    assert rules('import os\n' + HEADER + GUARD + 'app.run(debug=os.getenv("DEBUG", "0") == "1")\n') == []


def test_server_name_feeds_a_hostless_run():
    code = HEADER + 'app.config["SERVER_NAME"] = "0.0.0.0:8000"\n' + GUARD + "app.run()\n"
    assert findings(code) == [("FL103", 5)]
    code = HEADER + 'app.config["SERVER_NAME"] = "example.com:8000"\n' + GUARD + "app.run()\n"
    assert rules(code) == []


def test_run_at_import_time():
    assert findings(HEADER + "app.run()\n") == [("FL104", 3)]
    assert rules(HEADER + "def main():\n    app.run()\n") == []
    assert rules(HEADER + 'if __name__ == "__main__":\n    pass\nelse:\n    app.run()\n') == ["FL104"]


def test_run_simple_and_debugged_application():
    base = "from werkzeug.serving import run_simple\nfrom werkzeug.debug import DebuggedApplication\n" + HEADER
    assert rules(base + GUARD + 'run_simple("", 5000, app)\n') == ["FL103"]
    assert rules(base + GUARD + 'run_simple("localhost", 5000, app, use_debugger=True)\n') == ["FL102"]
    assert rules(base + GUARD + 'run_simple("0.0.0.0", 5000, app, use_debugger=True)\n') == ["FL101"]
    assert rules(base + GUARD + 'run_simple("0.0.0.0", 5000, DebuggedApplication(app, evalex=True))\n') == ["FL101"]
    assert rules(base + "wsgi = DebuggedApplication(app, evalex=True)\n") == ["FL102"]
    assert rules(base + "wsgi = DebuggedApplication(app)\n") == []


def test_socketio():
    base = "from flask_socketio import SocketIO\n" + HEADER + "socketio = SocketIO(app)\n"
    assert rules(base + GUARD + 'socketio.run(app, host="0.0.0.0", debug=True)\n') == ["FL101"]
    assert rules(base + GUARD + "socketio.run(app, allow_unsafe_werkzeug=True)\n") == ["FL106"]
    assert rules(base + GUARD + "socketio.run(app, allow_unsafe_werkzeug=False)\n") == []
    assert rules(base + GUARD + 'socketio.run(app, "0.0.0.0")\n') == ["FL103"]


def test_pin_disabled_in_code():
    assert rules('import os\nos.environ["WERKZEUG_DEBUG_PIN"] = "off"\n') == ["FL105"]
    assert rules('import os\nos.environ.setdefault("WERKZEUG_DEBUG_PIN", "off")\n') == ["FL105"]
    assert rules('import os\nos.environ["WERKZEUG_DEBUG_PIN"] = "1234-5678"\n') == []


def test_flask_debug_environment_set_in_code_reaches_app_run():
    code = 'import os\nos.environ["FLASK_DEBUG"] = "1"\n' + HEADER + GUARD + 'app.run(host="0.0.0.0")\n'
    assert rules(code) == ["FL101"]
    code = 'import os\nos.environ["FLASK_DEBUG"] = "false"\n' + HEADER + GUARD + 'app.run(host="0.0.0.0")\n'
    assert rules(code) == ["FL103"]


def test_columns_are_characters_not_bytes():
    code = 'from flask import Flask\napp = Flask("é")\nif __name__ == "__main__":\n    x = "ééé"; app.run(debug=True)\n'
    source = decode(code.encode(), python=True)
    (finding,) = py.analyze(source, AnalysisContext("app.py", "python")).findings
    line = code.splitlines()[3]
    assert finding.span.start.column == line.index("debug=True") + 1
    assert finding.span.end.column == line.index("debug=True") + len("debug=True") + 1


def test_syntax_error_is_a_diagnostic_not_a_crash():
    source = decode(b"from flask import Flask\napp.run(\n", python=True)
    result = py.analyze(source, AnalysisContext("app.py", "python"))
    assert result.findings == [] and "syntax error" in result.diagnostics[0].message


def test_deep_nesting_does_not_crash():
    code = "from flask import Flask\nx = " + "(" * 150 + "1" + ")" * 150 + "\ny = " + "-" * 5000 + "1\n"
    source = decode(code.encode(), python=True)
    result = py.analyze(source, AnalysisContext("app.py", "python"))
    assert result.findings == []


def test_prefilter_admits_every_shape_the_analyzer_reports():
    assert py.may_matter(b"from myapp import app\napp.run(debug=True)")
    assert py.may_matter(b"import os\nos.environ['WERKZEUG_DEBUG_PIN'] = 'off'")
    assert not py.may_matter(b"import asyncio\nasyncio.run(main(), debug=True)\n")


def test_lambdas_and_nested_scopes_are_walked():
    code = HEADER + "key = lambda item: item.run(debug=True)\n" + GUARD + "app.run(host='0.0.0.0')\n"
    assert rules(code) == ["FL103"]


# ---- messages: what was found (with the resolved value), why it matters, what to do


def messages(code: str) -> dict[str, str]:
    source = decode(textwrap.dedent(code).encode(), python=True)
    return {f.rule: f.message for f in py.analyze(source, AnalysisContext("app.py", "python")).findings}


def test_host_message_names_the_resolved_value_and_where_it_came_from():
    code = 'from flask import Flask\nHOST = "0.0.0.0"\napp = Flask(__name__)\n' + GUARD + "app.run(host=HOST)\n"
    message = messages(code)["FL103"]
    assert message.startswith('`app.run(...)` binds all interfaces: `host=HOST` resolves to "0.0.0.0" via HOST on line 2')
    assert "reachable" in message and "bind 127.0.0.1" in message


def test_debug_trap_message_explains_the_truthiness_and_the_fix():
    code = "import os\n" + HEADER + GUARD + 'app.run(debug=os.getenv("DEBUG", "False"))\n'
    message = messages(code)["FL102"]
    assert message.startswith('`debug=os.getenv("DEBUG", "False")` resolves to "False" (the default when DEBUG is unset)')
    assert 'bool("False") is True' in message
    assert "console runs any Python" in message
    assert 'os.environ.get("DEBUG") == "1"' in message


def test_exposed_debugger_message_names_both_switches():
    message = messages(HEADER + "app.debug = True\n" + GUARD + 'app.run("0.0.0.0")\n')["FL101"]
    assert "`app.debug = True`" in message and '`"0.0.0.0"` (passed by position as host)' in message
    assert "run Python on this machine" in message and "bind 127.0.0.1" in message


def test_config_message_names_the_call_and_the_advice():
    message = messages(HEADER + 'app.config.update({"DEBUG": True})\n')["FL102"]
    assert message.startswith('`"DEBUG": True` in `app.config.update(...)`, which turns on the Werkzeug debugger')
    assert "flask run --debug" in message


def test_run_at_import_message_says_what_to_move():
    message = messages(HEADER + "app.run()\n")["FL104"]
    assert 'outside `if __name__ == "__main__":`' in message and "gunicorn" in message


# ---- config objects selected by the environment, and loads that name other files

CONFIGS = """
import os
from flask import Flask
class Base:
    DEBUG = False
class Dev(Base):
    DEBUG = True
class Prod(Base):
    pass
app = Flask(__name__)
"""


@pytest.mark.parametrize(
    "load, expected",
    [
        ('app.config.from_object({"dev": Dev, "default": Dev}[os.getenv("CFG", "default")])', ["FL102"]),
        ('app.config.from_object({"dev": Dev, "default": Prod}[os.getenv("CFG", "default")])', []),
        ('app.config.from_object(Prod if os.getenv("PROD") else Dev)', ["FL102"]),
        ('app.config.from_object(Dev if os.getenv("DEV") else Prod)', []),
        ('app.config.from_object({"prod": Prod}.get(os.getenv("CFG"), Dev))', ["FL102"]),
        ('app.config.from_object(Dev())', ["FL102"]),
        ('app.config.from_object(Prod)', []),
        ('app.config.from_object(os.environ["APP_SETTINGS"])', []),
    ],
)
def test_from_object_judges_what_an_unset_variable_selects(load, expected):
    assert rules(CONFIGS + load + "\n") == expected


def test_from_object_message_says_which_variable_selects_the_debug_class():
    message = messages(CONFIGS + 'app.config.from_object(Prod if os.getenv("PROD") else Dev)\n')["FL102"]
    assert "loads Dev when PROD is unset, whose DEBUG is True (line 7)" in message
    assert "make the fallback a production config" in message


def test_from_object_name_reads_module_level_debug():
    assert rules(HEADER + "DEBUG = True\napp.config.from_object(__name__)\n") == ["FL102"]
    assert rules(HEADER + "DEBUG = False\napp.config.from_object(__name__)\n") == []


def test_loads_from_other_files_are_recorded_as_facts():
    code = HEADER + (
        'from config import Dev\n'
        'app.config.from_object("config.DevelopmentConfig")\n'
        'app.config.from_object(Dev)\n'
        'app.config.from_pyfile("settings.py")\n'
        'class Local:\n    DEBUG = True\n'
        'DEBUG = True\n'
    )
    source = decode(code.encode(), python=True)
    facts = py.analyze(source, AnalysisContext("app.py", "python")).facts
    assert [(r["how"], r["target"], r["line"]) for r in facts["config_refs"]] == [
        ("object", "config.DevelopmentConfig", 4), ("object", "config.Dev", 5), ("pyfile", "settings.py", 6)
    ]
    assert {k: v for k, v in facts["config_classes"]["Local"].items() if k in ("line", "known", "value", "debug")} == {"line": 8, "known": True, "value": True, "debug": True}
    assert facts["module_debug"]["debug"] is True


@pytest.mark.parametrize(
    "code, expected",
    [
        ('from dash import Dash\napp = Dash(__name__)\n' + GUARD + 'app.run(debug=True)\n', ["FL102"]),
        ('import dash\napp = dash.Dash(__name__)\n' + GUARD + 'app.run_server("0.0.0.0", 8050, None, True)\n', ["FL101"]),
        ('from dash import Dash\napp = Dash(__name__)\n' + GUARD + 'app.run()\n', []),
        # connexion 2 (the versions that take debug=) binds 0.0.0.0 when no host is given: FlaskApp.run
        ('import connexion\napp = connexion.App(__name__)\n' + GUARD + 'app.run(port=8080, debug=True)\n', ["FL101"]),
        ('import connexion\napp = connexion.App(__name__)\n' + GUARD + 'app.run(host="0.0.0.0", port=8080)\n', []),
        ('import connexion\napp = connexion.App(__name__)\n' + GUARD + 'app.run(host="0.0.0.0", debug=True)\n', ["FL101"]),
        ('import connexion\napp = connexion.App(__name__)\n' + GUARD + 'app.run(debug=True, server="tornado")\n', []),
    ],
)
def test_dash_and_connexion_servers(code, expected):
    assert rules(code) == expected


def test_screen_facts_name_the_same_apps_and_factories_as_the_full_analysis():
    """Files the prefilter rejects still tell the project pass their apps (the FL301 fix target)."""
    from corpus_expectations import CORPUS

    compared = 0
    for path in sorted(CORPUS.rglob("*.py")):
        data = path.read_bytes()
        screened = py.screen_facts(data)
        if not screened or b"cookiecutter" in data:  # a template parses only blanked (analyzers.analyze)
            continue
        full = py.analyze(decode(data, python=True), AnalysisContext(path.name, "python")).facts
        for launcher_fact in ("wsgi_imports", "flask_version"):  # gunicorn configs, setup.py
            if launcher_fact in screened:
                assert screened[launcher_fact] == full[launcher_fact], path
        for name, constant in screened.get("constants", {}).items():
            assert full["constants"][name] == constant, path
        if "apps" not in screened:
            continue
        assert set(screened["apps"]) <= set(full["apps"]), path
        assert set(screened["factories"]) <= set(full["factories"]), path
        for name in screened["apps"] + screened["factories"]:
            assert screened["definitions"][name]["start"]["line"] == full["definitions"][name]["start"]["line"], path
        compared += 1
    assert compared >= 20


def test_a_factory_module_without_a_trigger_is_screened_not_parsed():
    data = b"from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n"
    assert not py.may_matter(data)
    assert py.screen_facts(data) == {
        "apps": [], "factories": ["create_app"],
        "definitions": {"create_app": {"start": {"line": 4, "column": 1}, "end": {"line": 4, "column": 18}}},
        "imports": ["0:flask"],  # small modules naming an app keep their imports for the deployment model
    }
