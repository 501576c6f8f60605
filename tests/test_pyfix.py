"""Python fixes, shape by shape: what each rule's fix turns the code into, byte for byte."""

from __future__ import annotations

import pytest

from fixing import assert_parses, findings_of, fix_text
from flasklint.model import FixSafety

HEAD = "from flask import Flask\n\napp = Flask(__name__)\n"


def _fixed(body: str, **kwargs) -> str:
    text = fix_text(HEAD + body, **kwargs)
    assert_parses(text)
    assert text.startswith(HEAD) or "app.debug" in body or "config" in body
    return text[len(HEAD):] if text.startswith(HEAD) else text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # FL101: both halves, keyword form, single line and one-per-line
        ('app.run(host="0.0.0.0", debug=True)\n', 'app.run(host="127.0.0.1")\n'),
        ("app.run(host='0.0.0.0', port=5000, debug=True)\n", "app.run(host='127.0.0.1', port=5000)\n"),
        (
            'app.run(\n    host="0.0.0.0",\n    port=5000,\n    debug=True,\n)\n',
            'app.run(\n    host="127.0.0.1",\n    port=5000,\n)\n',
        ),
        # positional host and debug (debug last: removed)
        ('app.run("0.0.0.0", 5000, True)\n', 'app.run("127.0.0.1", 5000)\n'),
        # positional debug followed by another positional: replaced by its default
        ('app.run("127.0.0.1", 5000, True, True)\n', 'app.run("127.0.0.1", 5000, None, True)\n'),
        # FL103 spellings
        ('app.run(host="::")\n', 'app.run(host="127.0.0.1")\n'),
        ('app.run(host="[::]")\n', 'app.run(host="127.0.0.1")\n'),
        ('app.run(host="0:0:0:0:0:0:0:0")\n', 'app.run(host="127.0.0.1")\n'),
        ("import os\napp.run(host=os.environ.get('HOST', '0.0.0.0'))\n", "import os\napp.run(host=os.environ.get('HOST', '127.0.0.1'))\n"),
        # FL102 keyword variants
        ("app.run(debug=True, port=5000)\n", "app.run(port=5000)\n"),
        ("app.run(port=5000, use_debugger=True)\n", "app.run(port=5000)\n"),
        ("app.run(\n    debug=True,\n)\n", "app.run()\n"),
    ],
)
def test_call_fixes(before, after):
    guard = 'if __name__ == "__main__":\n'
    indented = "".join("    " + line if line.strip() else line for line in before.splitlines(True))
    expected = "".join("    " + line if line.strip() else line for line in after.splitlines(True))
    assert _fixed(guard + indented) == guard + expected


def test_comments_around_a_removed_argument_are_kept():
    before = (
        'if __name__ == "__main__":\n'
        "    app.run(\n"
        '        host="127.0.0.1",  # loopback only\n'
        "        # turn on for local debugging\n"
        "        debug=True,  # the debugger\n"
        "        # trailing note\n"
        "    )\n"
    )
    after = _fixed(before)
    assert "# loopback only" in after and "# turn on for local debugging" in after and "# trailing note" in after
    assert "debug=True" not in after and "# the debugger" not in after


def test_module_constant_used_only_for_the_bind_is_rewritten():
    text = _fixed('HOST = "0.0.0.0"\nif __name__ == "__main__":\n    app.run(host=HOST)\n')
    assert text == 'HOST = "127.0.0.1"\nif __name__ == "__main__":\n    app.run(host=HOST)\n'


def test_constant_used_elsewhere_too_is_left_alone_and_the_argument_rewritten():
    text = _fixed('HOST = "0.0.0.0"\nprint(HOST)\nif __name__ == "__main__":\n    app.run(host=HOST)\n')
    assert text == 'HOST = "0.0.0.0"\nprint(HOST)\nif __name__ == "__main__":\n    app.run(host="127.0.0.1")\n'


def test_run_simple_empty_host_and_debugger():
    code = (
        "from flask import Flask\nfrom werkzeug.serving import run_simple\napp = Flask(__name__)\n"
        'if __name__ == "__main__":\n    run_simple("", 8000, app, use_debugger=True)\n'
    )
    text = fix_text(code)
    assert text.endswith('    run_simple("127.0.0.1", 8000, app)\n')


def test_server_name_bind_gets_an_explicit_loopback_host():
    code = HEAD + 'app.config["SERVER_NAME"] = "0.0.0.0:8000"\nif __name__ == "__main__":\n    app.run(port=8000)\n'
    assert fix_text(code).endswith('    app.run(port=8000, host="127.0.0.1")\n')


def test_debug_statements_are_removed_and_an_emptied_block_gets_pass():
    code = HEAD + (
        "app.debug = True\n"
        'app.config["DEBUG"] = True\n'
        "def configure():\n"
        "    # debugging on for now\n"
        "    app.debug = True\n"
        "x = 1; app.debug = True; y = 2\n"
        'app.config.update(DEBUG=True, SECRET_KEY="k")\n'
        'app.config.update({"DEBUG": True, "TESTING": False})\n'
    )
    text = fix_text(code)
    assert_parses(text)
    assert text == HEAD + (
        "def configure():\n"
        "    # debugging on for now\n"
        "    pass\n"
        "x = 1; y = 2\n"
        'app.config.update(SECRET_KEY="k")\n'
        'app.config.update({"TESTING": False})\n'
    )


def test_evalex_and_pin_fixes():
    code = (
        "import os\nfrom flask import Flask\nfrom werkzeug.debug import DebuggedApplication\n"
        'os.environ["WERKZEUG_DEBUG_PIN"] = "off"\n'
        "app = Flask(__name__)\n"
        "app.wsgi_app = DebuggedApplication(app.wsgi_app, evalex=True)\n"
    )
    assert fix_text(code) == (
        "import os\nfrom flask import Flask\nfrom werkzeug.debug import DebuggedApplication\n"
        "app = Flask(__name__)\n"
        "app.wsgi_app = DebuggedApplication(app.wsgi_app)\n"
    )


def test_run_at_import_is_wrapped_only_as_an_unsafe_fix():
    code = HEAD + 'app.run(host="0.0.0.0", port=80)  # the bot\n'
    assert fix_text(code, unsafe=False) == HEAD + 'app.run(host="127.0.0.1", port=80)  # the bot\n'
    assert fix_text(code) == HEAD + 'if __name__ == "__main__":\n    app.run(host="127.0.0.1", port=80)  # the bot\n'
    fl104 = [f for f in findings_of(code) if f.rule == "FL104"]
    assert fl104[0].fix is not None and fl104[0].fix.safety is FixSafety.UNSAFE


def test_fallback_receivers_get_the_same_fixes():
    code = 'from myapp import app\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'
    assert fix_text(code) == 'from myapp import app\nif __name__ == "__main__":\n    app.run(host="127.0.0.1")\n'


def test_splat_values_have_no_argument_fix_but_the_literal_is_rewritten():
    code = HEAD + 'if __name__ == "__main__":\n    app.run(**{"host": "0.0.0.0", "debug": True})\n'
    findings = findings_of(code)
    assert [f.rule for f in findings] == ["FL101"]
    assert fix_text(code) == HEAD + 'if __name__ == "__main__":\n    app.run(**{"host": "127.0.0.1", "debug": True})\n'


def test_fl106_has_no_fix():
    code = (
        "from flask import Flask\nfrom flask_socketio import SocketIO\napp = Flask(__name__)\nsocketio = SocketIO(app)\n"
        'if __name__ == "__main__":\n    socketio.run(app, allow_unsafe_werkzeug=True)\n'
    )
    assert [(f.rule, f.fix) for f in findings_of(code)] == [("FL106", None)]


def test_crlf_and_non_ascii_text_keep_their_bytes():
    code = HEAD.replace("\n", "\r\n") + '# café ☕\r\napp.run(host="0.0.0.0")  # ünïcode\r\n'
    text = fix_text(code)
    assert text == HEAD.replace("\n", "\r\n") + '# café ☕\r\nif __name__ == "__main__":\r\n    app.run(host="127.0.0.1")  # ünïcode\r\n'
    assert "\n" not in text.replace("\r\n", "")


def test_edits_carry_offsets_and_line_column_ranges():
    code = HEAD + 'if __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'
    (finding,) = findings_of(code)
    document = finding.to_json()["fix"]
    assert document["safety"] == "safe" and document["description"]
    first = document["edits"][0]
    assert code[first["start"]:first["end"]] == "0.0.0.0" and first["replacement"] == "127.0.0.1"
    assert first["range"] == {"start": {"line": 5, "column": 19}, "end": {"line": 5, "column": 26}}


def _analyzed(code: str):
    from flasklint.analyzers import python as python_analyzer
    from flasklint.analyzers.base import AnalysisContext
    from flasklint.sources.source import decode

    return python_analyzer.analyze(decode(code.encode(), python=True), AnalysisContext("app.py", "python"))


@pytest.mark.parametrize(
    "code",
    [
        # LibCST 1.x rejects a parenthesised annotated target that CPython accepts: here it is the
        # statement next to a removal, which LibCST must parse.
        HEAD + "(x): int = 1\napp.debug = True\n",
        HEAD + "(x): int = 1; app.debug = True\n",
    ],
)
def test_libcst_parse_failure_means_no_fix_and_a_note_not_a_crash(code):
    result = _analyzed(code)
    assert [(f.rule, f.fix) for f in result.findings] == [("FL102", None)]
    assert [d.message for d in result.diagnostics] == ["fixes not available: LibCST cannot parse this file (ParserSyntaxError)"]


def test_a_plain_fix_needs_no_libcst_even_on_a_line_libcst_rejects():
    # Removing `debug=True` from a one-line call is built from the text (plainfixes.py), so the
    # construct LibCST rejects on the same line no longer takes the fix away.
    result = _analyzed(HEAD + 'if __name__ == "__main__":\n    (x): int = 1; app.run(debug=True)\n')
    assert [(f.rule, f.fix is not None) for f in result.findings] == [("FL102", True)]
    assert result.diagnostics == []


def test_code_libcst_rejects_elsewhere_in_the_file_does_not_cost_the_fix():
    # LibCST parses only the lines a fix edits (pyfixwindow.py), so a construct it rejects in
    # another statement no longer takes the file's fixes away (it did when it parsed the module).
    result = _analyzed(HEAD + '(x): int = 1\nif __name__ == "__main__":\n    app.run(debug=True)\n')
    assert [(f.rule, f.fix is not None) for f in result.findings] == [("FL102", True)]
    assert result.diagnostics == []


def test_removed_statement_does_not_double_the_blank_lines_around_it():
    code = 'import os\n\nfrom flask import Flask\n\nos.environ["WERKZEUG_DEBUG_PIN"] = "off"\n\napp = Flask(__name__)\n'
    assert fix_text(code) == "import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n"


def test_comment_above_a_removed_last_statement_is_kept():
    code = HEAD + "def configure():\n    x = 1\n    # keep me\n    app.debug = True\n"
    assert fix_text(code) == HEAD + "def configure():\n    x = 1\n    # keep me\n"


def test_a_module_with_too_many_syntax_nodes_gets_findings_but_no_fixes(monkeypatch) -> None:
    from flasklint.python import fixes as pyfix
    from flasklint.analyzers import python as python_analyzer
    from flasklint.analyzers.base import AnalysisContext
    from flasklint.sources.source import decode

    code = 'from flask import Flask\napp = Flask(__name__)\n' + 'app.run(host="0.0.0.0", debug=True)\n' * 20
    monkeypatch.setattr(pyfix, "MAX_FIX_NODES", 100)  # the module has ~190 nodes
    result = python_analyzer.analyze(decode(code.encode(), python=True),
                                     AnalysisContext(display_path="app.py", kind="python"))
    assert len([f for f in result.findings if f.rule == "FL101"]) == 20
    assert all(f.fix is None for f in result.findings)
    assert [d.message for d in result.diagnostics] == [
        "fixes not available: more than 100 syntax nodes (LibCST would need too much memory)"]
