"""`--show-source`: code frames come from the lines captured at analysis time, never from re-reading files."""

from __future__ import annotations

from flasklint.analyzers import python as py
from flasklint.analyzers.base import MAX_FRAME_LINE_CHARS, MAX_FRAME_LINES, AnalysisContext
from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import scan
from flasklint.model import Finding
from flasklint.report.text import code_frame, render
from flasklint.sources.source import decode

HEAD = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n'


def analyse(code: str) -> list[Finding]:
    return py.analyze(decode(code.encode(), python=True), AnalysisContext("app.py", "python")).findings


def test_finding_carries_its_source_line_and_survives_json():
    (finding,) = analyse(HEAD + '    app.run(debug=True)\n')
    assert finding.source_lines == ('    app.run(debug=True)',)
    assert Finding.from_json(finding.to_json()) == finding


def test_old_cached_json_without_source_still_loads():
    (finding,) = analyse(HEAD + '    app.run(debug=True)\n')
    data = finding.to_json()
    del data["source"]
    assert Finding.from_json(data).source_lines == ()
    assert code_frame(Finding.from_json(data)) == []


def test_caret_underlines_exactly_the_span():
    (finding,) = analyse(HEAD + '    app.run(debug=True)\n')
    frame = code_frame(finding)
    assert frame == [
        "  |",
        "4 |     app.run(debug=True)",
        "  |             ^^^^^^^^^^ FL102",
        "  |",
    ]


def test_caret_lines_up_after_tabs_and_non_ascii():
    code = HEAD.replace("Flask(__name__)", 'Flask("café")') + '\tapp.run(debug=True)  # é\n'
    (finding,) = analyse(code)
    underline = code_frame(finding)[2]
    assert underline == "  | \t        ^^^^^^^^^^ FL102"


def test_multiline_span_shows_its_lines_with_carets_on_the_first():
    code = HEAD + '    app.run(\n        host="0.0.0.0",\n        debug=True,\n    )\n'
    (finding,) = analyse(code)
    assert finding.rule == "FL101"
    assert code_frame(finding) == [
        "  |",
        "4 |     app.run(",
        "  |     ^^^^^^^^ FL101",
        '5 |         host="0.0.0.0",',
        "6 |         debug=True,",
        "7 |     )",
        "  |",
    ]


def test_frames_stay_small():
    args = "".join(f"        a{i}=1,\n" for i in range(20))
    code = HEAD + '    app.run(\n        host="0.0.0.0",\n' + args + "        debug=True,\n    )\n"
    long_line = HEAD + "    app.run(debug=True, port=5000)  # " + "x" * 1000 + "\n"
    (many,) = analyse(code)
    assert len(many.source_lines) == MAX_FRAME_LINES and code_frame(many)[-2].endswith("| ...")
    (long,) = analyse(long_line)
    assert len(long.source_lines[0]) == MAX_FRAME_LINE_CHARS + 1 and long.source_lines[0].endswith("…")


def test_text_report_shows_frames_only_when_asked_and_never_reads_files(tmp_path):
    target = tmp_path / "app.py"
    target.write_text(HEAD + '    app.run(host="0.0.0.0")\n')
    result = scan([str(tmp_path)], ScanOptions())
    target.unlink()  # the reporter must not need the file any more
    plain = render(result)
    framed = render(result, show_source=True)
    assert "^" not in plain
    assert '4 |     app.run(host="0.0.0.0")' in framed
    assert "  |             ^^^^^^^^^^^^^^ FL103" in framed


def test_cli_show_source_flag(run_cli, tmp_path):
    (tmp_path / "app.py").write_text(HEAD + '    app.run(debug=True)\n')
    code, out, _ = run_cli("check", "--show-source", str(tmp_path))
    assert code == 1 and "4 |     app.run(debug=True)" in out and "^^^^^^^^^^ FL102" in out
    code, out, _ = run_cli("check", str(tmp_path))
    assert "^" not in out
