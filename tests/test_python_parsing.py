"""Python of any version is analysed whatever interpreter runs flasklint (flasklint/python/parsing.py)."""

from __future__ import annotations

import ast
import sys
import textwrap

import pytest
from fixing import fix_text

from flasklint.analyzers import python as py
from flasklint.analyzers.base import AnalysisContext
from flasklint.python import parsing
from flasklint.sources.source import decode

HEADER = "from flask import Flask\napp = Flask(__name__)\n"


def analyse(code: str):
    source = decode(textwrap.dedent(code).encode(), python=True)
    return py.analyze(source, AnalysisContext("app.py", "python"))


def found(code: str) -> list[tuple[str, int, int]]:
    return sorted((f.rule, f.span.start.line, f.span.start.column) for f in analyse(code).findings)


NEW_SYNTAX = {
    "3.12 f-string reusing quotes": 'names = []\ngreeting = f"{", ".join(names)}"\n',
    "3.12 multi-line f-string with a comment": 'x = f"{\n    1 + 2  # note\n}"\n',
    "3.12 type parameters": "def first[T](items: list[T]) -> T:\n    return items[0]\nclass Box[T]:\n    pass\n",
    "3.12 type alias": "type Pair[T] = tuple[T, T]\n",
    "3.13 type parameter default": "class Page[T = str]:\n    pass\n",
    "3.10 match": 'match cmd:\n    case [_, "dev"] if cmd:\n        pass\n    case _:\n        pass\n',
    "3.11 except*": "try:\n    pass\nexcept* ValueError:\n    pass\n",
    "3.14 except without parentheses": "try:\n    pass\nexcept ValueError, TypeError:\n    pass\n",
}


@pytest.mark.parametrize("snippet", NEW_SYNTAX.values(), ids=list(NEW_SYNTAX))
def test_a_start_after_newer_syntax_is_found_with_no_diagnostic(snippet: str) -> None:
    result = analyse(HEADER + snippet + 'if __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n')
    assert [f.rule for f in result.findings] == ["FL101"]
    assert result.diagnostics == []


def test_a_start_on_the_line_of_a_new_f_string_keeps_its_column() -> None:
    # The f-string holds a two-byte character: ast columns are UTF-8 offsets of the real line.
    code = HEADER + 'label = f"{"é"}"; app.run(debug=True)\n'
    assert found(code) == [("FL102", 3, 27), ("FL104", 3, 19)]


def test_rerendering_keeps_every_line_s_utf8_length() -> None:
    text = HEADER + "".join(NEW_SYNTAX.values()) + 'y = f"{"ü" + "😀"}"\n'
    rendered = parsing._rerender(text)
    if sys.version_info >= (3, 14):  # pragma: no cover - nothing to rewrite
        assert rendered is None
        return
    assert rendered is not None
    original_lines, new_lines = text.splitlines(), rendered.splitlines()
    assert [len(line.encode()) for line in new_lines] == [len(line.encode()) for line in original_lines]


def test_an_f_string_value_is_unknown_not_a_literal() -> None:
    # `_f` stands for the f-string: debug=<f-string> is not a known truthy value.
    assert found(HEADER + 'flag = f"{", ".join([])}"\nif __name__ == "__main__":\n    app.run(debug=flag)\n') == []


def test_code_before_an_unparseable_fragment_is_analysed_with_a_diagnostic() -> None:
    result = analyse(HEADER + 'if __name__ == "__main__":\n    app.run(debug=True)\n\n>>> app.config[ =\n')
    assert [(f.rule, f.span.start.line) for f in result.findings] == [("FL102", 4)]
    assert [d.message for d in result.diagnostics] == [
        "syntax error (line 6, column 1): invalid syntax; only lines 1-5, before the error, were analysed"
    ]


def test_a_prefix_that_ends_inside_an_open_statement_is_cut_before_it() -> None:
    code = HEADER + 'app.run(debug=True)\nitems = [\n    1,\n    2 +* 3,\n]\n'
    result = analyse(code)
    assert sorted((f.rule, f.span.start.line) for f in result.findings) == [("FL102", 3), ("FL104", 3)]
    assert "only lines 1-3" in result.diagnostics[0].message


def test_a_file_nothing_parses_is_a_diagnostic() -> None:
    result = analyse("print 'python 2'\napp.run(debug=True)\n")
    assert result.findings == []
    assert len(result.diagnostics) == 1
    assert result.diagnostics[0].message.startswith("syntax error (line 1, ")
    assert result.diagnostics[0].message.endswith("; not analysed")


def test_a_partly_analysed_file_gets_no_fixes() -> None:
    result = analyse(HEADER + 'app.run(host="0.0.0.0")\n>>> broken\n')
    assert sorted(f.rule for f in result.findings) == ["FL103", "FL104"]
    assert all(f.fix is None for f in result.findings)


def test_fixes_work_on_a_file_only_libcst_parses() -> None:
    code = HEADER + 'names = []\nx = f"{", ".join(names)}"\nif __name__ == "__main__":\n    app.run(host="0.0.0.0")\n'
    fixed = fix_text(code)
    assert 'app.run(host="127.0.0.1")' in fixed
    assert 'f"{", ".join(names)}"' in fixed
    assert parsing.parses(fixed)


def test_parses() -> None:
    assert parsing.parses('x = f"{", ".join([])}"\n')
    assert not parsing.parses("x = (\n")


def test_libcst_is_not_given_nesting_that_would_crash_it() -> None:
    # LibCST's native parser dies (SIGSEGV) around 6,500 nested levels; the fallback must not call it then.
    chain = "x = " + " and ".join(["a"] * 8000) + '\ny = f"{", ".join([])}"\n'
    assert not parsing._safe_for_libcst(chain)
    assert not parsing._safe_for_libcst("x = " + "(" * 300 + "1" + ")" * 300 + "\n")
    assert parsing._safe_for_libcst("\n".join(f"x{i} = a and b or c" for i in range(3000)))
    if sys.version_info < (3, 12):  # newer interpreters parse this f-string themselves
        result = analyse(HEADER + 'app.run(debug=True)\n' + chain)
        assert "only lines 1-4, before the error" in result.diagnostics[0].message


# Strings the running `ast` rejects are blanked from a scan of the characters, without LibCST (literals.py).

NEW_STRINGS = {
    "quotes reused": 'names = []\ngreeting = f"{", ".join(names)}"\n',
    "nested subscript": 'row = {}\nx = f"{row["k"]!r:>{width}} and {{braces}}"\n',
    "backslash in a field": 'x = f"{"\\n".join(a)}"\n',
    "comment in a multi-line field": 'x = f"{\n    1 + 2  # note \' "\n}"\n',
    "concatenated over lines": 'x = ("plain"\n     # a comment\n     f"{a["b"]}"  \'tail\')\n',
    "continued with a backslash": 'x = "plain" \\\n    f"{a["b"]}"\n',
    "named escape and raw": 'x = f"\\N{DASH}{a["b"]}" + rf"\\{a["c"]}"\n',
    "triple-quoted": 'x = f"""\n{"\\n".join(a)}\n"""\ny = b"f" if"z" else f"{1}"\n',
    "a nested f-string": 'x = f"{f"{a["b"]}"}"\n',
    "string after a comment ending a line": 'x = f"{a["b"]}"  # "\ny = "not joined"\n',
}


def _no_libcst(monkeypatch) -> None:
    def refuse(text: str) -> None:
        raise AssertionError("LibCST should not have been needed")

    monkeypatch.setattr(parsing, "_rerender", refuse)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="these f-strings parse on 3.12 and later")
@pytest.mark.parametrize("snippet", NEW_STRINGS.values(), ids=list(NEW_STRINGS))
def test_blanking_strings_gives_the_text_libcst_re_rendering_gives(snippet: str, monkeypatch) -> None:
    from flasklint.python.literals import string_groups

    text = HEADER + snippet + 'app.run(debug=True)\n'
    with pytest.raises(SyntaxError):
        compile(text, "app.py", "exec", dont_inherit=True)
    via_libcst = parsing._rerender(text)
    assert via_libcst is not None
    assert parsing._blank(text, string_groups(text, frozenset("f")))[0] == via_libcst
    line = 3 + snippet.count("\n")
    _no_libcst(monkeypatch)
    assert ast.dump(parsing.parse(text).tree) == ast.dump(ast.parse(via_libcst))
    assert sorted((f.rule, f.span.start.line) for f in analyse(text).findings) == [("FL102", line), ("FL104", line)]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the f-string parses on 3.12 and later")
def test_a_syntax_error_away_from_the_strings_is_not_hidden_by_blanking() -> None:
    text = HEADER + 'app.run(debug=True)\nx = f"{", ".join([])}"\ny = (1 +\n'
    result = analyse(text)
    assert sorted(f.rule for f in result.findings) == ["FL102", "FL104"]
    assert "only lines 1-3, before the error" in result.diagnostics[0].message


def test_string_groups_finds_only_the_groups_holding_a_new_literal() -> None:
    from flasklint.python.literals import string_groups

    text = 'a = "f{" + f"{x}" "y"  # f"no"\nb = rb"{" \'\'\'f"\'\'\'\nc = (u"1"\n  t"{z}")\n'
    spans = [text[start:end] for start, end in string_groups(text, frozenset("ft"))]
    assert spans == ['f"{x}" "y"', 'u"1"\n  t"{z}"']
    assert string_groups(text, frozenset()) == []


def test_string_groups_refuses_a_text_that_ends_inside_a_literal() -> None:
    from flasklint.python.literals import Unlexable, string_groups

    for text in ('x = f"{a\n', 'x = "abc\n', "x = f'''{\n", 'x = f"{a:{b"'):
        with pytest.raises(Unlexable):
            string_groups(text, frozenset("f"))


@pytest.mark.parametrize("text", [
    "from {{ cookiecutter.pkg }} import app\napp.run()\n",  # a template is no newer Python
    'x = f"{a}"\n  y = 1\n# type hints, one by one\n',  # the error is no string's
    'x = f"{", ".join(a)}" +\n',  # blanking the string leaves the error: LibCST would leave it too
])
def test_an_error_no_rewriting_can_mend_skips_libcst_and_keeps_its_diagnostic(text: str, monkeypatch) -> None:
    expected = parsing.parse(text).problem
    assert expected.startswith("syntax error (line ")
    _no_libcst(monkeypatch)
    assert parsing.parse(text).problem == expected


def test_other_new_syntax_still_goes_to_libcst() -> None:
    # type parameters beside an f-string: the strings alone do not make the file parse
    text = HEADER + 'def first[T](items: list[T]) -> T:\n    return f"{", ".join(items)}"\napp.run(debug=True)\n'
    assert sorted(f.rule for f in analyse(text).findings) == ["FL102", "FL104"]
    assert analyse(text).diagnostics == []
