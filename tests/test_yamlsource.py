"""The YAML loader: exact offsets, broken documents, aliases, depth and size, all without crashing."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from flasklint.sources.yamlsource import (
    MAX_DEPTH,
    Walker,
    YamlTooComplex,
    YMap,
    YScalar,
    YSeq,
    load_yaml,
    locate_scalar,
)


def _value(stream, document: int, *path: str):
    return Walker().get(stream.documents[document].root, *path)


def test_scalar_offsets_count_characters_of_the_decoded_text():
    text = "name: 'héllo wörld'\r\ncmd: flask run --host 0.0.0.0\n"
    stream = load_yaml(text)
    cmd = _value(stream, 0, "cmd")
    assert text[cmd.start:cmd.end] == "flask run --host 0.0.0.0"
    name = locate_scalar(text, _value(stream, 0, "name"))
    assert text[name.start:name.end] == "héllo wörld"
    assert name.is_verbatim(text, 0, len(name.value))


def test_quoted_scalar_value_starts_after_the_quote_and_skips_anchor_and_tag():
    text = 'a: &cmd !!str "flask run"\n'
    located = locate_scalar(text, _value(load_yaml(text), 0, "a"))
    assert located.value == "flask run"
    assert text[located.start:located.end] == "flask run"


def test_literal_block_maps_each_line_exactly():
    text = "run: |\n  pip install .\n  flask run --host 0.0.0.0\n"
    located = locate_scalar(text, _value(load_yaml(text), 0, "run"))
    index = located.value.index("--host")
    assert text[located.map_start(index):located.map_end(index + 6)] == "--host"
    assert located.is_verbatim(text, index, index + len("--host 0.0.0.0"))


def test_escaped_double_quoted_scalar_is_located_but_not_verbatim():
    text = 'cmd: "flask\\trun"\n'
    located = locate_scalar(text, _value(load_yaml(text), 0, "cmd"))
    assert located.value == "flask\trun"
    assert text[located.start:located.start + 5] == "flask"
    assert not located.is_verbatim(text, 0, len(located.value))


def test_folded_scalar_keeps_words_on_their_lines():
    text = "cmd: >-\n  flask run\n  --host 0.0.0.0\n"
    located = locate_scalar(text, _value(load_yaml(text), 0, "cmd"))
    assert located.value == "flask run --host 0.0.0.0"
    host = located.value.index("--host")
    assert text[located.map_start(host):located.map_end(host + 6)] == "--host"


def test_a_broken_document_is_reported_and_the_others_are_still_read():
    text = "a: 1\n---\nb: [unclosed\n---\nc: 3\n"
    stream = load_yaml(text)
    assert [d.index for d in stream.documents] == [0, 2]
    assert _value(stream, 1, "c").value == "3"
    assert len(stream.problems) == 1
    assert "document 2" in stream.problems[0].message
    assert text.count("\n", 0, stream.problems[0].offset) in (2, 3)


def test_an_unclosed_quote_does_not_swallow_the_next_document():
    stream = load_yaml('a: "open\n---\nb: 2\n')
    assert [d.index for d in stream.documents] == [1]
    assert len(stream.problems) == 1


def test_tabs_used_for_indentation_are_a_problem_not_a_crash():
    stream = load_yaml("a:\n\tb: 1\n---\nc: 1\n")
    assert "tab" in stream.problems[0].message
    assert _value(stream, 0, "c").value == "1"


def test_duplicate_keys_last_one_wins():
    stream = load_yaml("FLASK_DEBUG: 1\nFLASK_DEBUG: 0\n")
    assert _value(stream, 0, "FLASK_DEBUG").value == "0"


def test_merge_keys_apply_and_own_keys_take_precedence():
    text = "base: &base {A: 1, B: 2}\nsvc:\n  <<: *base\n  B: 3\n"
    svc = Walker().mapping(_value(load_yaml(text), 0, "svc"))
    assert {k: v[1].value for k, v in svc.items()} == {"A": "1", "B": "3"}


def test_fields_read_several_keys_for_the_steps_of_as_many_gets():
    text = "base: &base {A: 1, B: 2}\nsvc:\n  <<: *base\n  B: 3\n  C: 4\n"
    stream = load_yaml(text)
    svc = _value(stream, 0, "svc")
    one, many = Walker(), Walker()
    assert [n.value if n is not None else None for n in many.fields(svc, ("A", "B", "D"))] == ["1", "3", None]
    assert [one.get(svc, key) is not None for key in ("A", "B", "D")] == [True, True, False]
    assert one.remaining == many.remaining  # the same budget: an alias bomb stops at the same place
    assert many.fields(_value(stream, 0, "base", "A"), ("A",)) == [None]


def test_a_mapping_without_merge_keys_keeps_its_order_and_last_duplicate():
    mapping = Walker().mapping(load_yaml("b: 1\na: 2\nb: 3\n").documents[0].root)
    assert [(k, v[1].value) for k, v in mapping.items()] == [("b", "3"), ("a", "2")]


@pytest.mark.parametrize("nested", [
    "a: " + "[" * 1000 + "]" * 1000 + "\n",
    "a:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(1000)),
], ids=["flow", "block"])
def test_thousand_deep_nesting_is_reported_without_recursion_error(nested):
    stream = load_yaml(nested + "---\nok: 1\n")
    message = stream.problems[0].message
    # PyYAML >= 6.0.4 stops deep flow collections itself ("exceeded maximum nesting depth").
    assert f"deeper than {MAX_DEPTH}" in message or "maximum nesting depth" in message
    assert _value(stream, len(stream.documents) - 1, "ok").value == "1"


def test_nesting_within_the_limit_is_read():
    text = "a: " + "[" * 50 + "x" + "]" * 50 + "\n"
    node = _value(load_yaml(text), 0, "a")
    for _ in range(50):
        assert isinstance(node, YSeq)
        node = node.items[0]
    assert isinstance(node, YScalar) and node.value == "x"


def _billion_laughs(levels: int = 30) -> str:
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\nservices: *l29\n"


def test_billion_laughs_composes_in_bounded_time_and_memory():
    tracemalloc.start()
    began = time.perf_counter()
    stream = load_yaml(_billion_laughs())
    elapsed = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 2.0
    assert peak < 5 * 1024 * 1024
    assert len(stream.documents) == 1 and not stream.problems


def test_walking_an_alias_bomb_stops_at_the_budget():
    stream = load_yaml(_billion_laughs())
    walker = Walker(budget=100_000)

    def walk(node):
        for item in walker.items(node):
            walk(item)

    began = time.perf_counter()
    with pytest.raises(YamlTooComplex):
        walk(_value(stream, 0, "services"))
    assert time.perf_counter() - began < 2.0


def test_recursive_alias_is_a_cycle_not_a_hang():
    stream = load_yaml("a: &a [*a, 1]\nm: &m {self: *m, <<: *m}\n")
    seq = _value(stream, 0, "a")
    assert seq.items[0] is seq
    assert set(Walker().mapping(_value(stream, 0, "m"))) == {"self"}


def test_undefined_alias_is_a_problem():
    stream = load_yaml("a: *nowhere\n---\nb: 1\n")
    assert "undefined alias" in stream.problems[0].message
    assert len(stream.documents) == 1


def test_large_stream_loads_quickly_and_bounded():
    services = "".join(f"  svc{i}:\n    image: app:{i}\n    command: [gunicorn, 'app:app']\n" for i in range(20_000))
    text = "services:\n" + services
    began = time.perf_counter()
    stream = load_yaml(text)
    assert time.perf_counter() - began < 10.0
    assert len(Walker().mapping(_value(stream, 0, "services"))) == 20_000


def test_node_graph_reprs_stay_shallow():
    stream = load_yaml("a: " + "[" * 200 + "]" * 200 + "\n")
    root = stream.documents[0].root
    assert isinstance(root, YMap) and repr(root).startswith("YMap(1 pairs")
