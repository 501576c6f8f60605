"""filenames.json_text's own indent-2 writer spells documents exactly as json.dumps does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import scan
from flasklint.sources.filenames import _LONE_SURROGATE, json_text
from flasklint.report import renderer

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _reference(data) -> str:
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, indent=2))


@pytest.mark.parametrize("data", [
    {}, [], {"a": []}, {"a": {}}, [1, [2, [3, {}]], 'x\u00e9\n"\\\x01\u2028', None, True, False, -5, 10**30],
    {"k\ud800": "\udcff"}, {1: 2}, {True: None}, 1.5, {"f": [1.5, float("inf")]}, "s", 3, None, ([1, 2],),
    {"t": (1, (2,))}, [{"a": [{"b": [[]]}]}],
])
def test_indented_writer_equals_json_dumps(data):
    assert json_text(data, indent=2) == _reference(data)


@pytest.mark.parametrize("output", ["json", "sarif"])
def test_reports_of_the_corpus_are_spelled_as_json_dumps_would(output):
    text = renderer(output)(scan([str(CORPUS)], ScanOptions()))
    assert text == _reference(json.loads(text)) + "\n"
