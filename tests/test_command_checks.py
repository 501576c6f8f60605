"""The shared command and environment rules, and the development-only context."""

from __future__ import annotations

import json

import pytest

from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.commands import factwords
from flasklint.commands.checks import (
    INERT_HEADS, StartFact, check_command, check_environment, fact_word_spans, fact_words, gunicorn_target,
)
from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.shellwords import split_commands
from flasklint.knowledge.context import dev_reason, dev_target_reason
from flasklint.model import Position, Severity, Span
from flasklint.sources.source import SourceText


def run(text: str, *, production: bool, path: str = "run.sh", **kwargs):
    reporter = Reporter(AnalysisContext(path, "shell", dev_reason=dev_reason(path)), SourceText(text))
    facts = [check_command(reporter, words, production=production, **kwargs) for words in split_commands(text)]
    return reporter.result_, facts


def apply(text: str, finding) -> str:
    for edit in sorted(finding.fix.edits, key=lambda e: -e.start):
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text


def test_bind_all_in_a_script_is_fl201_on_the_host_option_with_a_safe_fix():
    text = "flask run --host 0.0.0.0 --port 8000"
    result, _ = run(text, production=False)
    (finding,) = result.findings
    assert finding.rule == "FL201" and finding.span.start.column == 11
    assert finding.fix.safety.value == "safe" and apply(text, finding) == "flask run --port 8000"


def test_debugger_and_bind_all_together_are_fl101():
    text = "FLASK_DEBUG=1 flask run -h 0.0.0.0"
    result, _ = run(text, production=False)
    assert [f.rule for f in result.findings] == ["FL101"]
    assert apply(text, result.findings[0]) == "FLASK_DEBUG=0 flask run"


def test_debug_option_is_fl202_and_the_fix_drops_it():
    text = "exec flask --app app --debug run"
    result, _ = run(text, production=False)
    (finding,) = result.findings
    assert finding.rule == "FL202" and apply(text, finding) == "exec flask --app app run"


def test_production_dev_server_is_fl301_not_fl201():
    text = "flask --app shop run --host=0.0.0.0 --port=$PORT"
    result, facts = run(text, production=True)
    (finding,) = result.findings
    assert finding.rule == "FL301" and finding.fix.safety.value == "unsafe"
    assert apply(text, finding) == "gunicorn --bind 0.0.0.0:$PORT shop:app"
    assert facts[0].kind == "dev-server" and facts[0].reported


def test_fl301_fix_uses_the_port_hint_and_json_style():
    text = '"flask", "run", "--host=0.0.0.0"'
    words = []
    import json
    import re
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"', text):
        from flasklint.commands.shellwords import Word
        words.append(Word(json.loads(m.group()), m.start(), m.end(), True))
    reporter = Reporter(AnalysisContext("Dockerfile", "dockerfile"), SourceText(text))
    check_command(reporter, words, production=True, argv_style="json", port_hint="8000")
    (finding,) = reporter.result_.findings
    assert apply(text, finding) == '"gunicorn", "--bind", "0.0.0.0:8000", "app:app"'


def test_gunicorn_and_echo_are_not_findings():
    result, facts = run("gunicorn --bind 0.0.0.0:8000 app:app\necho 'flask run --host=0.0.0.0'", production=True)
    assert not result.findings and facts[0].kind == "production-server" and facts[1] is None


def test_analyzers_leave_context_to_the_deployment_model():
    """A development file's finding keeps its rule's severity here; the model judges it later."""
    result, _ = run("flask run --host 0.0.0.0", production=False, path="scripts/dev-server.sh")
    (finding,) = result.findings
    assert finding.severity == Severity.MEDIUM and "lowered" not in finding.message
    result, _ = run("flask --debug run", production=False, dev_reason="the `dev` target is a development command")
    assert result.findings[0].severity == Severity.HIGH


def test_file_level_export_is_reported_once_on_the_assignment():
    text = "export FLASK_RUN_HOST=0.0.0.0\nflask run\nflask run --port 5001\n"
    reporter = Reporter(AnalysisContext("run.sh", "shell"), SourceText(text))
    env = Environment([EnvValue("FLASK_RUN_HOST", "0.0.0.0", 7, 29, "run.sh", 22, 29, 0, 30)])
    for words in split_commands(text)[1:]:
        check_command(reporter, words, env, production=False)
    (finding,) = reporter.result_.findings
    assert finding.rule == "FL201" and finding.span.start.line == 1
    assert apply(text, finding) == "flask run\nflask run --port 5001\n"


def test_environment_pin_off_everywhere_and_debug_only_in_production():
    text = "WERKZEUG_DEBUG_PIN=off\nFLASK_DEBUG=off\nFLASK_ENV=development\n"
    env = Environment([
        EnvValue("WERKZEUG_DEBUG_PIN", "off", 0, 22, ".env", 19, 22, 0, 23),
        EnvValue("FLASK_DEBUG", "off", 23, 38, ".env", 35, 38, 23, 39),
        EnvValue("FLASK_ENV", "development", 39, 60, ".env", 49, 60, 39, 61),
    ])
    for production, expected in ((True, ["FL105", "FL302", "FL302"]), (False, ["FL105"])):
        reporter = Reporter(AnalysisContext(".env", "envfile"), SourceText(text))
        check_environment(reporter, env, production=production)
        assert [f.rule for f in reporter.result_.findings] == expected


def test_environment_values_from_other_files_are_theirs():
    reporter = Reporter(AnalysisContext("docker-compose.yml", "compose"), SourceText(""))
    check_environment(reporter, Environment([EnvValue("WERKZEUG_DEBUG_PIN", "off", 0, 1, ".env")]), production=True)
    assert not reporter.result_.findings


def test_gunicorn_target_the_way_flask_finds_the_app():
    assert gunicorn_target("src/app.py") == "src.app:app"
    assert gunicorn_target("pkg:make()") == "pkg:make()"
    assert gunicorn_target("pkg", factories=["create_app"]) == "pkg:create_app()"
    # Flask calls a factory it is named without parentheses; gunicorn needs them to call it
    assert gunicorn_target("notes:create_app") == "notes:create_app()"
    assert gunicorn_target("pkg:build", factories=["build"]) == "pkg:build()"
    assert gunicorn_target("pkg:build") == "pkg:build"  # not known to be a factory: the object as named
    assert gunicorn_target("pkg:create_app", apps=["create_app"]) == "pkg:create_app"
    assert gunicorn_target(None) == "app:app"


def test_dev_paths():
    assert dev_reason("docker-compose.override.yml")
    assert dev_reason("deploy/Dockerfile.dev")
    assert dev_reason("app-dev.env")
    assert dev_reason(".flaskenv")
    assert dev_reason("scripts/devserver.sh")
    assert dev_reason("tests/run.sh")
    assert dev_reason("local/run.sh", ["local/*"])
    assert dev_reason("Dockerfile") is None and dev_reason("docker-compose.yml") is None
    assert dev_target_reason("serve") and dev_target_reason("dev-api") and not dev_target_reason("deploy")


def _dev_start_fact() -> StartFact:
    reporter = Reporter(AnalysisContext("run.sh", "shell"), SourceText("#!/bin/sh\nflask run --host 0.0.0.0\n"))
    (words,) = split_commands("flask run --host 0.0.0.0", 10)
    fact = check_command(reporter, words, production=False)
    assert fact is not None
    return fact


def test_a_start_fact_keeps_its_words_flat_and_leaves_defaults_out():
    data = _dev_start_fact().to_json()
    assert "target" not in data and "fixable" not in data  # None / True: from_json restores them
    assert StartFact.from_json(data).fixable is True
    assert data["words"] == (" run --host 0.0.0.0", (0, "flask", 10, 5, False, -1, 0, 2, 0))  # only the first is unusual
    back = StartFact.from_json(json.loads(json.dumps(data)))  # the cache's round trip
    assert [(w.text, w.start, w.end) for w in fact_words(back)] == [
        ("flask", 10, 15), ("run", 16, 19), ("--host", 20, 26), ("0.0.0.0", 27, 34)]
    assert fact_word_spans(back)[20] == Span(Position(2, 11), Position(2, 17))


_SNIPPETS = [
    "flask run --host 0.0.0.0",
    "FLASK_DEBUG=1 \\\n   flask run \"--host\" '0.0.0.0' --port=\"$PORT\"\n",
    "x=1; flask run -h \"0.0.0.0\nmore\" --cert a'b'c && \\\r\n flask run",
    "   \t flask run $'--de\\x62ug' \"${A:-b}\" `x` $(y z)",
    "é=1 flask run --hôst ü" + " a" * 600,
    "a  b '' \"\" c\tx\\ y",
    "",
]


@pytest.mark.parametrize("snippet", _SNIPPETS)
def test_fact_words_come_back_with_their_offsets_and_positions(snippet):
    """`factwords` keeps differences; decoded, every word has the offsets, quoting and line/column the
    source gives it (words over lines, CRLF, quotes that change offsets, non-ASCII, long lines)."""
    source = SourceText("#!/bin/sh\n" + snippet)
    words = [w for c in split_commands(snippet, 10) for w in c]
    encoded, lines = factwords.encode(words, source.span, str)
    decoded = list(factwords.decode(json.loads(json.dumps(encoded)), json.loads(json.dumps(lines))))
    expected = []
    for w in words:
        span = source.span(w.start, w.end)
        expected.append((w.text, w.start, w.end, w.quoted, w.plain_prefix, w.inner_start,
                         span.start.line, span.start.column, span.end.line, span.end.column))
    assert decoded == expected


def test_a_long_start_keeps_its_plain_words_as_one_string():
    """The reason for the encoding: a plain word of a long command costs its text and a space, no fields."""
    snippet = "flask run --port 1" + " a" * 1_000
    source = SourceText("#!/bin/sh\n" + snippet)
    (words,) = split_commands(snippet, 10)
    (joined, unusual), lines = factwords.encode(words, source.span, str)
    assert joined == snippet[len("flask"):] and len(unusual) == factwords.WORD_FIELDS + 1 and lines == (2, 10)


# ---- the inert-head screen (issue 16): skipping such commands must never change a result

_TAILS = ["flask run --host 0.0.0.0 --debug", "WERKZEUG_DEBUG_PIN=off flask run", "docker compose -f x.yml up",
          "sh -c 'flask run --host 0.0.0.0'", "-- flask run --host 0.0.0.0", "FLASK_DEBUG=1", "python app.py",
          "make dev", "npm start", "exec gunicorn app:app", "./start.sh", ""]


@pytest.mark.parametrize("head", sorted(INERT_HEADS))
def test_a_command_with_an_inert_head_is_read_by_no_rule(head):
    """What `check_command` and the script walk would do without the screen, for every screened word."""
    from flasklint.commands import dockercli, flaskcli
    from flasklint.commands.checks import _check_inline_assignments, check_pin_assignments
    from flasklint.commands.script import ShellState

    for tail in _TAILS:
        text = f"{head} {tail}".strip()
        (words,) = split_commands(text)
        assert words[0].text == head
        assert flaskcli.interpret_all(words, Environment()) == []
        assert dockercli.invocation(words) is None
        reporter = Reporter(AnalysisContext("run.sh", "shell"), SourceText(text))
        _check_inline_assignments(reporter, words, Environment(), production=True, dev_reason=None)
        check_pin_assignments(reporter, words, production=True, dev_reason=None)
        assert not reporter.result_.findings and not reporter.result_.diagnostics
        state = ShellState("run.sh")
        assert state.apply(words) is False
        assert state == ShellState("run.sh")


def test_inert_heads_leave_out_every_word_the_interpreter_follows():
    from flasklint.commands import flaskcli

    followed = {"env", "sudo", "exec", "nohup", "sh", "bash", "then", "do", "flask", "python", "python3", "gunicorn",
                "make", "npm", "docker", "docker-compose", "podman", "honcho", "poetry", "timeout", "export", "cd",
                "unset", "set", "source", ".", "readonly", "declare"}
    assert not followed & INERT_HEADS
    assert {"echo", "grep", "celery", "tee"} <= INERT_HEADS <= flaskcli.COMMON_PROGRAMS


def test_a_screened_command_gives_nothing_and_others_are_still_checked():
    result, facts = run("echo flask run --host 0.0.0.0\ngrep x | flask run --host 0.0.0.0", production=False)
    assert facts[0] is None and [f.rule for f in result.findings] == ["FL201"]
    assert result.findings[0].span.start.line == 2


@pytest.mark.parametrize("folder, expected", [
    ("/usr/local/bin", True), ("/venv/bin", True), ("./venv/bin", True), ("venv/bin", True), (".venv/bin", True),
    ("/srv/app/.venv/bin", True), ("/home/app/.local/bin", True), ("env/bin", True), ("/opt/virtualenv/bin/", True),
    ("./bin", False), ("scripts", False), ("/srv/app/bin", False), ("node_modules/.bin", False), ("myvenv/bin", False),
])
def test_console_scripts_are_found_in_installed_and_environment_bins(folder, expected):
    from flasklint.commands.programs import installed_bin

    assert installed_bin(folder) is expected
