"""`--format github`: workflow commands GitHub turns into annotations, escaped as its runner expects."""

from __future__ import annotations

from flasklint.scan.engine import ScanResult
from flasklint.model import Diagnostic, Finding, Position, Severity, Span
from flasklint.report.github import annotation, command, escape_data, escape_property, render

BAD = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n'


def test_data_escaping_is_exact():
    assert escape_data("100% sure\r\nnext: a,b") == "100%25 sure%0D%0Anext: a,b"
    assert escape_data("%0A") == "%250A"  # the percent is escaped first, so escapes never double-decode


def test_property_escaping_is_exact():
    assert escape_property("dir:a,b%c\r\nd") == "dir%3Aa%2Cb%25c%0D%0Ad"


def test_command_shape():
    assert command("warning", {"file": "a,b.py", "title": "T:1"}, "m: 50%\n") == "::warning file=a%2Cb.py,title=T%3A1::m: 50%25%0A"


def test_annotation_for_a_critical_finding(run_cli, tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(BAD)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "--format", "github", ".")
    assert code == 1
    (line,) = out.splitlines()
    assert line.startswith("::error file=app.py,line=4,col=5,endLine=4,endColumn=40,title=FL101::[critical] ")


def test_medium_and_low_are_warnings_high_and_critical_errors():
    span = Span(Position(1, 1), Position(1, 2))
    levels = {}
    for severity in Severity:
        finding = Finding("FL103", "app.py", span, "msg", severity)
        levels[severity.label] = annotation(finding, ".").split(" ", 1)[0]
    assert levels == {"low": "::warning", "medium": "::warning", "high": "::error", "critical": "::error"}


def test_a_message_with_newlines_and_percent_stays_one_command(tmp_path):
    finding = Finding("FL102", str(tmp_path / "x,y.py"), Span(Position(2, 3), Position(2, 9)), "50% on\nline two", Severity.HIGH)
    result = ScanResult(findings=[finding], diagnostics=[Diagnostic(str(tmp_path / "b.py"), "cannot decode: bad\nbytes")], root=str(tmp_path))
    lines = render(result).splitlines()
    assert lines == [
        "::error file=x%2Cy.py,line=2,col=3,endLine=2,endColumn=9,title=FL102::[high] 50%25 on%0Aline two",
        "::warning file=b.py,title=flasklint::cannot decode: bad%0Abytes",
    ]
