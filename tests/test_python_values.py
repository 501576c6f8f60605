"""How values reach a server start: through parameters, option parsers, helpers, dict build-up, aliases."""

from __future__ import annotations

import textwrap

import pytest

from flasklint.analyzers import python as py
from flasklint.analyzers.base import AnalysisContext
from flasklint.sources.source import decode

HEADER = "import os, argparse, click\nfrom flask import Flask\napp = Flask(__name__)\n"


def rules(code: str) -> list[str]:
    source = decode((HEADER + textwrap.dedent(code)).encode(), python=True)
    return sorted(f.rule for f in py.analyze(source, AnalysisContext("app.py", "python")).findings)


@pytest.mark.parametrize("code, expected", [
    ('def run(host="0.0.0.0"):\n    app.run(host=host)\n', ["FL103"]),
    ('def run(host="0.0.0.0"):\n    app.run(host=host)\nrun("127.0.0.1")\n', []),  # a caller passes it
    ('def run(host="0.0.0.0"):\n    app.run(host=host)\nrun(host=h)\n', []),
    ('def run(*, debug=True):\n    app.run(debug=debug)\n', ["FL102"]),
    ('def run(host):\n    app.run(host=host)\n', []),  # no default: unknown
], ids=["default", "passed-by-position", "passed-by-keyword", "keyword-only", "no-default"])
def test_parameter_defaults(code: str, expected: list[str]) -> None:
    assert rules(code) == expected


@pytest.mark.parametrize("argument, expected", [
    ('"--host", default="0.0.0.0"', ["FL103"]),
    ('"-H", "--listen-host", dest="host", default="::"', ["FL103"]),
    ('"--host"', []),  # default None: Flask binds 127.0.0.1
    ('"--host", default=os.environ.get("HOST", "0.0.0.0")', ["FL103"]),
])
def test_argparse_defaults(argument: str, expected: list[str]) -> None:
    code = f"def main():\n    p = argparse.ArgumentParser()\n    p.add_argument({argument})\n    a = p.parse_args()\n    app.run(host=a.host)\n"
    assert rules(code) == expected


@pytest.mark.parametrize("action, expected", [("store_true", []), ("store_false", ["FL102"])])
def test_argparse_flags(action: str, expected: list[str]) -> None:
    code = f'def main():\n    p = argparse.ArgumentParser()\n    p.add_argument("--debug", action="{action}")\n    a = p.parse_args()\n    app.run(debug=a.debug)\n'
    assert rules(code) == expected


@pytest.mark.parametrize("option, expected", [
    ('"--host", default="0.0.0.0"', ["FL103"]),
    ('"--host", "-h", default="127.0.0.1"', []),
    ('"--listen-host", "host", default="0.0.0.0"', ["FL103"]),
])
def test_click_option_defaults(option: str, expected: list[str]) -> None:
    assert rules(f"@click.command()\n@click.option({option})\ndef main(host):\n    app.run(host=host)\n") == expected


def test_click_boolean_flag_defaults_off() -> None:
    assert rules('@click.command()\n@click.option("--debug/--no-debug")\ndef main(debug):\n    app.run(debug=debug)\n') == []
    assert rules('@click.command()\n@click.option("--debug", is_flag=True, default=True)\ndef main(debug):\n    app.run(debug=debug)\n') == ["FL102"]


def test_helper_return_values() -> None:
    assert rules('def host():\n    return "0.0.0.0"\napp.run(host=host())\n') == ["FL103", "FL104"]
    assert rules('def host():\n    if x:\n        return "0.0.0.0"\n    return "127.0.0.1"\napp.run(host=host())\n') == ["FL104"]


@pytest.mark.parametrize("code, expected", [
    ('o = dict(port=1)\no.update(debug=True)\napp.run(**o)\n', ["FL102", "FL104"]),
    ('o = {"port": 1}\no["host"] = "0.0.0.0"\napp.run(**o)\n', ["FL103", "FL104"]),
    ('B = {"debug": True}\no = B.copy()\no["debug"] = False\napp.run(**o)\n', ["FL104"]),
    ('B = {"debug": True}\no = {**B, "port": 2}\napp.run(**o)\n', ["FL102", "FL104"]),
    ('o = {}\no.setdefault("host", "0.0.0.0")\napp.run(**o)\n', ["FL103", "FL104"]),
    ('o = {}\napp.run(**o)\no["debug"] = True\n', ["FL104"]),  # changed after the call
    ('o = {}\no[key] = True\napp.run(**o)\n', ["FL104"]),  # unknown key: nothing is claimed
])
def test_dicts_built_up_before_a_splat(code: str, expected: list[str]) -> None:
    assert rules(code) == expected


def test_bound_method_alias() -> None:
    assert rules('if __name__ == "__main__":\n    r = app.run\n    r(debug=True)\n') == ["FL102"]
    assert rules('if __name__ == "__main__":\n    r = app.route\n    r(debug=True)\n') == []


@pytest.mark.parametrize("expr, expected", [
    ('os.environ["DEBUG"] or True', ["FL102"]),
    ('os.getenv("DEBUG") or 1', ["FL102"]),
    ('os.environ["DEBUG"] or False', []),
    ('os.environ["DEBUG"] or "yes"', []),  # a string fallback says nothing about the value
    ('os.environ["DEBUG"] and True', []),
])
def test_always_truthy(expr: str, expected: list[str]) -> None:
    assert rules(f'if __name__ == "__main__":\n    app.run(debug={expr})\n') == expected


def test_dead_code_is_not_analysed() -> None:
    assert rules("if False:\n    app.run(debug=True)\n") == []
    assert rules("if 0:\n    app.debug = True\n") == []
    assert rules("if True:\n    pass\nelse:\n    app.run(debug=True)\n") == []
    assert rules('if __name__ == "__main__":\n    if False:\n        pass\n    else:\n        app.run(debug=True)\n') == ["FL102"]


@pytest.mark.parametrize("first, expected", [('"0.0.0.0"', ["FL103"]), ('"::"', ["FL103"]), ('"127.0.0.1"', []), ("job", [])])
def test_positional_host_on_an_app_known_only_by_name(first: str, expected: list[str]) -> None:
    source = decode(f'from web import app\nif __name__ == "__main__":\n    app.run({first})\n'.encode(), python=True)
    found = sorted(f.rule for f in py.analyze(source, AnalysisContext("run.py", "python")).findings)
    assert found == expected


def test_a_fix_of_a_resolved_default_rewrites_the_default() -> None:
    from fixing import fix_text

    fixed = fix_text(HEADER + 'def run(host="0.0.0.0"):\n    app.run(host=host)\n')
    assert 'def run(host="127.0.0.1"):' in fixed and "app.run(host=host)" in fixed


def test_a_library_s_own_run_method_is_not_the_user_s_server() -> None:
    library = ("class SocketIO:\n    def run(self, app, host='0.0.0.0', debug=True):\n"
               "        app.wsgi_app = DebuggedApplication(app.wsgi_app, evalex=True)\n"
               "        run_simple(host, 5000, app, use_debugger=True)\n")
    assert rules("from werkzeug.debug import DebuggedApplication\nfrom werkzeug.serving import run_simple\n" + library) == []
    assert rules("from werkzeug.serving import run_simple\nclass Boot:\n    def go(self):\n        run_simple('0.0.0.0', 1, app, use_debugger=True)\n") == ["FL101"]


def test_run_simple_without_use_debugger_serves_no_console_for_app_debug() -> None:
    served = "from werkzeug.serving import run_simple\napp.debug = True\nif __name__ == '__main__':\n    run_simple('127.0.0.1', 5000, app)\n"
    assert rules(served) == []
    assert rules("app.debug = True\nif __name__ == '__main__':\n    app.run()\n") == ["FL102"]


@pytest.mark.parametrize("code, expected", [
    ('DEBUG = os.environ.get("DEBUG") == "1"\nif DEBUG:\n    app.run(debug=True)\n', ["FL104"]),
    ('DEBUG = os.environ.get("DEBUG", "1") == "1"\nif DEBUG:\n    app.run(debug=True)\n', ["FL102", "FL104"]),
    ('import settings\nif settings.debug:\n    app.run(debug=True)\n', ["FL104"]),
    ('import config\nif config.DEBUG:\n    app.debug = True\n', []),
    ('def f(debug):\n    if debug:\n        app.wsgi_app = DebuggedApplication(app.wsgi_app, evalex=True)\n', []),
    ('if not os.environ.get("PRODUCTION"):\n    app.run(debug=True)\n', ["FL102", "FL104"]),  # not a debug setting: the switch itself
], ids=["off-by-default", "on-by-default", "imported-setting", "app-debug", "evalex-param", "other-test"])
def test_a_switch_behind_a_debug_setting_is_the_setting_s_to_decide(code: str, expected: list[str]) -> None:
    assert rules("from werkzeug.debug import DebuggedApplication\n" + code) == expected


def test_flask_script_server_is_a_start_that_never_runs_on_import() -> None:
    head = "from flask_script import Manager, Server\nm = Manager(app)\n"
    assert rules(head + 'm.add_command("runserver", Server(host="0.0.0.0", use_debugger=True))\n') == ["FL101"]
    assert rules(head + 'm.add_command("runserver", Server("0.0.0.0", 5000))\n') == ["FL103"]
    assert rules(head + 'm.add_command("runserver", Server(host="127.0.0.1", use_debugger=False))\n') == []


# --------------------------------------------------------------------------- values the deployment sets


def starts(code: str) -> list[dict]:
    source = decode((HEADER + textwrap.dedent(code)).encode(), python=True)
    return py.analyze(source, AnalysisContext("app.py", "python")).facts["starts"]


def test_a_host_read_from_a_variable_passes_its_value_and_keeps_the_default_for_unset():
    (start,) = starts('if __name__ == "__main__":\n    app.run(host=os.environ.get("APP_HOST", "127.0.0.1"))\n')
    assert start["env"] == [{"what": "host", "line": 5, "env": "APP_HOST", "unset": "127.0.0.1", "passes": True}]


def test_a_debug_flag_is_tried_with_the_values_its_expression_compares_with():
    code = ('if __name__ == "__main__":\n    debug = False if os.environ["UI_DEBUG"] == "False" else True\n'
            '    app.run(debug=debug, host=HOST)\nHOST = "127.0.0.1"\n')
    (table,) = starts(code)[0]["env"]
    assert table["env"] == "UI_DEBUG" and table["unset"] == "?"  # os.environ[...] unset raises: not known
    assert table["values"]["False"] is False and table["values"]["True"] is True and table["values"]["0"] is True


def test_a_debug_in_a_tuple_of_spellings_and_a_custom_mode_value():
    code = ('if __name__ == "__main__":\n    app.run(debug=os.getenv("D", "0").lower() in ("1", "true"))\n'
            '    app.run(debug=os.getenv("STAGE") == "DEV")\n')
    first, second = starts(code)
    assert first["env"][0]["unset"] is False and first["env"][0]["values"]["TRUE"] is True
    assert second["env"][0]["values"]["DEV"] is True and second["env"][0]["values"]["development"] is False
    assert "dev" not in second["env"][0]["values"]  # a value not tried is unknown to the model: no finding


def test_the_debug_an_app_is_given_by_assignment_from_a_variable_is_tabled_too():
    code = 'app.debug = os.getenv("MODE") == "dev"\nif __name__ == "__main__":\n    app.run()\n'
    (table,) = starts(code)[0]["env"]
    assert table["what"] == "debug" and table["values"]["dev"] is True


def test_literal_and_two_variable_arguments_have_no_table():
    code = ('if __name__ == "__main__":\n    app.run(host="0.0.0.0")\n'
            '    app.run(debug=os.getenv("A") == "1" or os.getenv("B") == "1")\n')
    assert [s.get("env") for s in starts(code)] == [None, None]


def test_settings_constants_read_from_the_environment_carry_their_table():
    source = decode(b'import os\nHOST = os.getenv("LEDGER_HOST")\nPORT = 8080\n', python=True)
    constants = py.analyze(source, AnalysisContext("settings.py", "python")).facts["constants"]
    assert constants["HOST"]["env"] == {"env": "LEDGER_HOST", "unset": None, "passes": True}
    assert "env" not in constants["PORT"]
