"""Shell word splitting: positions into the file, operators, quotes, and bad input that never raises."""

from __future__ import annotations

import pytest

from flasklint.commands.shellwords import quote, split_commands, _Splitter


def texts(snippet: str) -> list[list[str]]:
    return [[w.text for w in command] for command in split_commands(snippet)]


def test_words_carry_offsets_into_the_file():
    text = "xx flask run --host=0.0.0.0"
    commands = split_commands(text[3:], offset=3)
    host = commands[0][2]
    assert text[host.start:host.end] == "--host=0.0.0.0"


def test_operators_end_commands():
    assert texts("a && b || c; d | e & f\ng") == [["a"], ["b"], ["c"], ["d"], ["e"], ["f"], ["g"]]


def test_quotes_and_escapes_are_removed_from_the_text():
    assert texts("""echo "a b" 'c d' e\\ f $'g\\th'""") == [["echo", "a b", "c d", "e f", "g\th"]]


def test_line_continuation_joins_one_command():
    assert texts("flask run \\\n  --host 0.0.0.0") == [["flask", "run", "--host", "0.0.0.0"]]


def test_comments_are_not_commands():
    assert texts("# flask run --host=0.0.0.0\nflask run # --debug") == [["flask", "run"]]


def test_redirections_are_dropped_with_their_target():
    assert texts("flask run > log.txt 2>&1 &") == [["flask", "run"]]


def test_heredoc_bodies_are_data():
    assert texts("cat <<EOF\nflask run --host=0.0.0.0\nEOF\nls") == [["cat"], ["ls"]]


def test_substitutions_stay_inside_one_word():
    assert texts("echo $(flask run; x) `a b` ${X:-y}") == [["echo", "$(flask run; x)", "`a b`", "${X:-y}"]]


def test_unbalanced_quote_is_flagged_not_raised():
    result = split_commands('flask run --host "0.0.0.0')
    assert not result.complete and "quote" in result.error
    assert [w.text for w in result[0]] == ["flask", "run", "--host", "0.0.0.0"]


def test_assignments_are_recognised_the_shell_way():
    words = split_commands('A=1 B="x y" "C=2" cmd')[0]
    assert [w.is_assignment for w in words] == [True, True, False, False]


def test_inner_start_maps_quoted_text_onto_the_file():
    text = "sh -c 'flask run'"
    word = split_commands(text)[0][2]
    assert text[word.inner_start:word.inner_start + len(word.text)] == "flask run"


def test_quote_keeps_variables_expandable():
    assert quote("0.0.0.0:$PORT") == "0.0.0.0:$PORT"
    assert quote("a b") == "'a b'"


@pytest.mark.parametrize("token", [
    "plain", "$HOME", "a$b", "VAR=\"value 1\"", "'single q'", '"$VAR_1"', "a\"b c\"d'e'f", "''", '""',
    '"a\'b"', "'a\"b'", 'x="${Y:-z}"', '$"x"', "é=ü", '"`date`"', "a#b", "{x}",
])
def test_simple_word_path_gives_what_the_character_loop_gives(token):
    fast = split_commands(f"cmd {token} next", 10)
    slow = _Splitter(token, 14)
    slow._word()
    assert fast[0][1] == slow.current[0]
    assert len(fast[0]) == 3


def test_skipped_commands_are_read_to_their_end_but_left_out():
    text = "echo a 'b;c' | tee log; cat <<EOF\nflask run\nEOF\nflask run\n>out echo x\n\"echo\" kept\necho 'open"
    commands = split_commands(text, skip=frozenset({"echo", "tee", "cat"}))
    assert [[w.text for w in c] for c in commands] == [["flask", "run"], ["echo", "kept"]]
    assert not commands.complete and "single quote" in commands.error
    assert commands[0][0].start == text.index("flask run\n>")
