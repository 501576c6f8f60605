"""TOML values found again in the text, so fly.toml findings point at the value."""

from __future__ import annotations

import pytest

from flasklint.sources.tomlsource import TomlError, load_toml, locate

FLY = '''app = "demo"

[env]
  FLASK_DEBUG = "1"   # on
  "QUOTED" = 'lit'
  COUNT = 3

[processes]
  web = "flask run --host \\"0.0.0.0\\""

[experimental]
  cmd = [
    "flask",  # the CLI
    "run",
  ]
'''


def test_basic_string_value_is_located():
    located = locate(FLY, ("env", "FLASK_DEBUG"), "1")
    assert FLY[located.start:located.end] == "1"
    assert located.is_verbatim(FLY, 0, 1)


def test_quoted_key_and_literal_string():
    located = locate(FLY, ("env", "QUOTED"), "lit")
    assert FLY[located.start:located.end] == "lit"


def test_non_string_value_is_located_by_its_text():
    located = locate(FLY, ("env", "COUNT"), 3)
    assert FLY[located.start:located.end] == "3"


def test_escaped_string_maps_words_but_is_not_verbatim():
    data = load_toml(FLY)
    located = locate(FLY, ("processes", "web"), data["processes"]["web"])
    assert located.value == 'flask run --host "0.0.0.0"'
    assert FLY[located.start:located.start + 9] == "flask run"
    assert not located.is_verbatim(FLY, 0, len(located.value))


def test_multiline_array_items_with_comments():
    items = locate(FLY, ("experimental", "cmd"), ["flask", "run"])
    assert [FLY[i.start:i.end] for i in items] == ["flask", "run"]


def test_dotted_key_at_top_level():
    text = 'processes.web = "flask run"\n'
    located = locate(text, ("processes", "web"), "flask run")
    assert text[located.start:located.end] == "flask run"


def test_unlocatable_value_is_anchored_at_its_table():
    text = '[env]\nX = { a = "1" }\n'
    located = locate(text, ("env", "Y"), "1")
    assert located.start == 0 and not located.is_verbatim(text, 0, 1)


def test_invalid_toml_raises_a_readable_error():
    with pytest.raises(TomlError):
        load_toml("[env\nA = 1\n")
