"""`case "$1" in` branches of entrypoint scripts (flasklint.commands.shellcase)."""

from __future__ import annotations

from flasklint.commands.shellcase import Branch, branches, chosen, first_argument, runs

DISPATCH = """#!/bin/sh
set -e
case "$1" in
  dev_server)
    exec flask run --host=0.0.0.0 --debug
    ;;
  prod_server|serve)
    exec gunicorn app:app
    ;;
  *)
    exec "$@"
    ;;
esac
"""


def test_each_branch_of_a_case_on_the_first_argument_is_found_with_its_lines():
    assert [(b.patterns, b.line, b.end_line) for b in branches(DISPATCH)] == [
        (("dev_server",), 4, 6), (("prod_server", "serve"), 7, 9), (("*",), 10, 12)]


def test_the_first_matching_branch_runs_and_no_argument_takes_the_catch_all():
    found = branches(DISPATCH)
    assert [b.line for b in chosen(found, "serve")] == [7]
    assert [b.line for b in chosen(found, "dev_server")] == [4]
    assert [b.line for b in chosen(found, "")] == [10]
    assert [b.line for b in chosen(found, None)] == [4, 7, 10]  # unknown: any branch may run


def test_a_default_in_the_case_word_is_what_an_empty_argument_selects():
    text = 'case "${1:-web}" in\n  web) exec gunicorn app:app ;;\n  dev) exec flask run ;;\nesac\n'
    found = branches(text)
    assert [b.line for b in chosen(found, "")] == [2]
    assert [b.line for b in chosen(found, "dev")] == [3]


def test_cases_on_other_words_and_nested_cases_are_not_branches_of_the_dispatch():
    text = ('case "$MODE" in\n  dev) flask run ;;\nesac\n'
            'case $1 in\n  worker)\n    case "$2" in\n      a) echo a ;;\n    esac\n    celery worker\n    ;;\n'
            '  # a comment with a ) in it\n  web) gunicorn app:app ;;\nesac\n')
    assert [(b.patterns, b.line, b.end_line) for b in branches(text)] == [(("worker",), 5, 10), (("web",), 12, 12)]


def test_branches_sharing_a_line_are_left_to_the_whole_script():
    assert branches('case "$1" in\n  a) x ;; b) y ;;\n  c) z ;;\nesac\n') == [
        Branch(("c",), 3, 3, 1)]


def test_a_variable_argument_is_not_known_and_lines_outside_branches_always_run():
    assert first_argument(['"$@"']) is None and first_argument([]) == "" and first_argument(None) is None
    facts = [b.to_json() for b in branches(DISPATCH)]
    assert runs(facts, ["prod_server"], 8) and not runs(facts, ["prod_server"], 5)
    assert runs(facts, ["$CMD"], 5) and runs(facts, ["prod_server"], 2)


def test_json_round_trip():
    branch = branches('case "${1:-x}" in\n  x) y ;;\nesac\n')[0]
    assert Branch.from_json(branch.to_json()) == branch
