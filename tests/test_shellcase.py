"""`case "$1" in` branches of entrypoint scripts (flasklint.commands.shellcase)."""

from __future__ import annotations

from flasklint.commands.shellcase import Branch, branches, chosen, first_argument, launcher_env, runs

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


IF_CHAIN = """#!/bin/bash
: "${MODE:=production}"
if [[ $MODE == production ]]; then
    exec gunicorn app:app
elif [ "$MODE" = "local" ]; then
    if [ -n "$VERBOSE" ]; then echo local; fi
    exec flask run --host=0.0.0.0 --debug
else
    exit 1
fi
"""


def test_an_if_chain_on_one_variable_is_branches_of_one_statement():
    assert [(b.patterns, b.line, b.end_line, b.case_line, b.variable, b.default) for b in branches(IF_CHAIN)] == [
        (("production",), 3, 4, 3, "MODE", "production"), (("local",), 5, 7, 3, "MODE", "production"),
        (("*",), 8, 10, 3, "MODE", "production")]


def test_the_environment_or_else_the_scripts_default_picks_the_if_branch():
    found = branches(IF_CHAIN)
    assert [b.line for b in chosen(found, None, {})] == [3]  # nothing sets MODE: its default, production
    assert [b.line for b in chosen(found, None, {"MODE": "local"})] == [5]
    assert [b.line for b in chosen(found, None, {"MODE": "staging"})] == [8]
    assert [b.line for b in chosen(found, None, None)] == [3, 5, 8]  # the environment is not known
    assert [b.line for b in chosen(found, None, {"MODE": "${OTHER}"})] == [3, 5, 8]


def test_negated_and_emptiness_tests_and_a_plain_assignment():
    text = 'MODE=production\nif [ "$MODE" != production ]; then\n  flask run\nfi\n'
    found = branches(text)
    assert found[0].fixed and found[0].negate
    assert chosen(found, None, {"MODE": "dev"}) == []  # the script's own assignment wins over the environment
    text = 'if [ -z "$DEV" ]; then\n  gunicorn app:app\nelse\n  flask run\nfi\n'
    found = branches(text)
    assert [b.line for b in chosen(found, None, {})] == [1]  # unset: the empty string
    assert [b.line for b in chosen(found, None, {"DEV": "1"})] == [3]
    text = 'if test -n "${DEV}"; then\n  flask run\nfi\n'
    assert [b.line for b in chosen(branches(text), None, {})] == []


def test_if_chains_not_on_one_variable_against_a_literal_are_not_branches():
    assert branches('if [ -f app.py ]; then\n  flask run\nfi\n') == []
    assert branches('if [ "$A" = x ]; then\n  a\nelif [ "$B" = y ]; then\n  b\nfi\n') == []
    assert branches('if [ "$A" = "$B" ]; then\n  a\nfi\n') == []
    assert branches('A=$(cat mode)\nif [ "$A" = x ]; then\n  a\nfi\n') == []  # its value is not known
    assert branches('if [ "$A" = x ]; then\n  a\n') == []  # not closed as read
    assert branches('case "$1" in\n  w)\n    if [ "$A" = x ]; then\n      a\n    fi\n    ;;\nesac\n') == [
        Branch(("w",), 2, 6, 1)]  # inside a case: not a chain of the script's top level


def test_runs_takes_the_launchers_variables():
    facts = [b.to_json() for b in branches(IF_CHAIN)]
    assert Branch.from_json(facts[1]) == branches(IF_CHAIN)[1]
    assert runs(facts, None, 7, {"MODE": "local"}) and not runs(facts, None, 7, {})
    assert runs(facts, None, 7) and runs(facts, None, 2, {})
    assert launcher_env([{"name": "MODE", "value": "local"}], 64) == {"MODE": "local"}
    assert launcher_env([{"name": "MODE", "value": "local"}], 1) is None and launcher_env(None, 64) == {}
