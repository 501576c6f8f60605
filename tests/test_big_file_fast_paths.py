"""The shortcuts that let 100,000-line Dockerfiles and env files scan in about a second (issue 16).

Each shortcut must give exactly what the general path gives: plain `ENV` lines
skip the shell splitter, a stage's own variables live in a dict until a later
stage builds on it, a one-line instruction skips the continuation machinery,
and env-file facts are placed on the line the parse already knows.
"""

from __future__ import annotations

import random
import re

import pytest

from flasklint.analyzers import dockerfile, envfile
from flasklint.analyzers.base import AnalysisContext, Reporter
from flasklint.model import Span
from flasklint.sources.source import decode


def _dockerfile(text: str) -> dockerfile._Dockerfile:
    reporter = Reporter(AnalysisContext("Dockerfile", "dockerfile"), decode(text.encode(), python=False))
    parsed = dockerfile._Dockerfile(reporter)
    parsed.run()
    return parsed


def _stage_envs(text: str) -> list:
    return [stage.env for stage in _dockerfile(text).stages]


def _without_fast_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ENV through the shell splitter: the reference the shortcuts are compared with."""
    monkeypatch.setattr(dockerfile, "_NOT_PLAIN", re.compile(r"(?s)."))


ENV_ARGUMENTS = [
    "A=b", "A=", "A=b C=d", "A=b\tC=d  ", "  A=b", "A=b # note", "A=b#c", "#A=b", "A b", "A b c", "A", "a.b=c",
    "é=1", "A=\xa0b", "A=b\xa0C=d", "A=~/x", "A={x}", "A=*", "A=b;c", "A='b c'", 'A="$B"', "A=$B", "A=b\\ c",
    "A=b C", "A==b", "=b", "1A=b", "FLASK_DEBUG=1 FLASK_RUN_HOST=0.0.0.0", "A=$B/x", "A=$B$UNSET", "A=${B}",
    "A=$(b)", "A=$'b'", "A=$", "A=b$", "A=$1", "A=$B C=$A",
]


@pytest.mark.parametrize("arguments", ENV_ARGUMENTS)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_plain_env_lines_give_what_the_shell_splitter_gives(arguments: str, newline: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    text = newline.join(["FROM python AS base", "ARG B=arg", f"ENV {arguments}", f"env\t{arguments}",
                         "CMD flask run"]) + newline
    fast = _stage_envs(text)
    _without_fast_paths(monkeypatch)
    assert fast == _stage_envs(text)


def test_random_env_lines_give_what_the_shell_splitter_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    alphabet = [*"ab=_ #\t1\r\xa0é{}()$'\"\\;~-./:", "FLASK_DEBUG=1", "A=", " B=c", "$B", "${B}"]
    chooser = random.Random(16)
    texts = []
    for _ in range(300):
        lines = ["FROM python AS s"]
        for _ in range(chooser.randint(1, 6)):
            arguments = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 9)))
            lines.append(chooser.choice(["ENV ", " env  ", "ARG ", "FROM s AS "]) + arguments)
        texts.append(chooser.choice(["\n", "\r\n"]).join(lines))
    fast = [_stage_envs(text) for text in texts]
    _without_fast_paths(monkeypatch)
    assert fast == [_stage_envs(text) for text in texts]


def _workdirs(text: str) -> list:
    return [stage.workdir for stage in _dockerfile(text).stages]


def test_a_stage_sees_the_env_and_arg_of_the_stages_it_builds_on() -> None:
    text = "FROM python AS base\nARG A=1\nENV B=2\nFROM base AS mid\nENV C=3\nFROM mid\nWORKDIR /$A/$B/$C/$D\n"
    assert _workdirs(text) == [None, None, "/1/2/3/$D"]


def test_an_env_of_the_stage_wins_over_its_later_arg_but_not_over_a_child_arg() -> None:
    text = "FROM python AS base\nENV A=env\nARG A=arg\nWORKDIR /$A\nFROM base\nARG A=child\nWORKDIR $A\n"
    assert _workdirs(text) == ["/env", "/env/child"]


def test_two_stages_built_on_one_base_see_only_its_values() -> None:
    text = ("FROM python AS base\nENV A=1\nFROM base AS one\nENV A=2\nWORKDIR /$A\n"
            "FROM base AS two\nWORKDIR /$A\nFROM one\nWORKDIR $A\n")
    assert _workdirs(text) == [None, "/2", "/1", "/2/2"]


@pytest.mark.parametrize("text, expected", [
    ("FROM a\nRUN x \\\n  # comment\n\n  y\nENV A=b\n", [("FROM", "a"), ("RUN", "x \n  y"), ("ENV", "A=b")]),
    ("FROM a\r\nRUN x \\\r\n y\r\nENV A=b\r\n", [("FROM", "a"), ("RUN", "x \n y"), ("ENV", "A=b")]),
    ("FROM a\nRUN x \\", [("FROM", "a"), ("RUN", "x \\")]),
    ("# escape=`\nFROM a\nRUN x `\n y\nRUN z \\\n", [("FROM", "a"), ("RUN", "x \n y"), ("RUN", "z \\")]),
    ("  from a  \n\tENV\n#x\n", [("FROM", "a  "), ("ENV", "")]),
])
def test_instructions_alone_on_their_line_and_continued(text: str, expected: list) -> None:
    instructions = list(dockerfile._instructions(text))
    assert [(i.keyword, i.args) for i in instructions] == expected
    for instruction in instructions:
        assert text[instruction.start:].upper().startswith(instruction.keyword)
        assert instruction.line_end == min(instruction.end + 1, len(text))


ENV_FILE = ("A=b\r\nexport B='c d' \n\n# comment\rC=\"e\"  # note\rD=f#g\nbad line\né=1\nE=x # y\n"
            "FLASK_DEBUG=1\nFLASK_RUN_HOST=0.0.0.0")


def test_env_facts_are_placed_where_the_assignments_are() -> None:
    source = decode(ENV_FILE.encode(), python=False)
    result = envfile.analyze(source, AnalysisContext(".env", "env"))
    facts = result.facts["env"]
    assert [fact["name"] for fact in facts] == ["A", "B", "C", "D", "E", "FLASK_DEBUG", "FLASK_RUN_HOST"]
    assert [fact["span"] for fact in facts] == [source.span(fact["start"], fact["end"]).to_compact() for fact in facts]
    assert [Span.from_json(fact["span"]).start.line for fact in facts] == [1, 2, 5, 6, 9, 10, 11]
    assert envfile.parse_env(source, ".env")[0] == envfile._parse(source, ".env")[0]


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


def test_plain_env_file_lines_give_what_the_line_pattern_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    pieces = ["A=b", "A=b c", "A='b c'", 'A="b', "A=b #c", "A=b#c", "A=", "A= b", "A=b ", "A =b", " A=b", "A.B=c",
              "export A=b", "é=1", "A==b", "=b", "1A=b", "#A=b", "junk", "", "FLASK_DEBUG=1", "FLASK_RUN_HOST=0.0.0.0"]
    chooser = random.Random(16)
    texts = ["".join(chooser.choice(pieces) + chooser.choice(["\n", "\r\n", "\r"]) for _ in range(chooser.randint(0, 8)))
             + chooser.choice(pieces) for _ in range(300)]

    def results() -> list:
        return [envfile.analyze(decode(text.encode(), python=False), AnalysisContext(".env", "env")).to_json()
                for text in texts]

    fast = results()
    monkeypatch.setattr(envfile, "_BLANK_OR_NOTHING", _Everything())  # every line through _LINE
    assert fast == results()


def test_line_span_compact_is_the_span_of_offsets_on_that_line() -> None:
    source = decode("ab\r\ncdé\rf\n\ng".encode(), python=False)
    for line, start in enumerate(source.line_starts, start=1):
        end = len(source.line_text(line)) + start
        for offset in range(start, end + 1):
            compact = source.line_span_compact(line, start, offset)
            assert compact == source.span(start, offset).to_compact()
            assert Span.from_json(compact) == source.span(start, offset) == Span.from_json(source.span(start, offset).to_json())
