"""Reading YAML into a node graph with exact character offsets, safely.

Deployment YAML (compose files, Kubernetes manifests, workflows) is untrusted
input for a linter, so nothing here constructs Python objects from it. Parser
events from PyYAML's safe loader are composed into a small node graph by an
*iterative* composer of our own:

- positions: PyYAML marks count characters of the decoded `str` (the C and the
  pure-Python parsers agree), so every node carries character offsets into the
  text that `source.decode` produced;
- multi-document streams: a document that fails to parse is reported and the
  parser restarts at the next `---` line, so the other documents are still
  analysed;
- anchors and aliases: an alias is the *same* node object as its anchor, never
  a copy, so a "billion laughs" file composes in linear time and memory; the
  `Walker` that analyzers use to read the graph charges every step to a budget,
  so expanding aliases cannot blow up either;
- nesting: the composer keeps its own stack (no recursion), and a document
  nested deeper than `MAX_DEPTH` levels is reported and skipped;
- duplicate keys: all pairs are kept; `Walker.mapping` lets the last one win,
  like YAML loaders do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Sequence, Union

import yaml

from flasklint.sources.collector import collector_paused
from flasklint.sources.located import LocatedText, align

MAX_DEPTH = 256
"""No deployment file nests this deep; deeper documents are skipped with a diagnostic."""
MAX_NODES = 1_000_000
"""Nodes composed per stream before the rest is skipped (keeps memory bounded on huge files)."""
MAX_CACHED_TAGS = 4_096
"""Scalar values whose resolved tag the composer remembers (keys and common values repeat; the rest do not)."""
MAX_BROKEN_DOCUMENTS = 100
"""Restarts after parse errors before giving up on the rest of the stream."""
WALK_BUDGET = 200_000
"""Steps a Walker may take through one document (aliases make the graph a DAG), plus WALK_PER_NODE a node."""
WALK_PER_NODE = 16
"""Steps a Walker may take per composed node: a large document without aliases is read whole (linear),
while alias expansion, which multiplies steps without adding nodes, still hits the budget."""

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DOCUMENT_START = re.compile(r"(?:^|(?<=[\r\n]))---(?=[ \t\r\n]|\Z)")
_NODE_PROPERTIES = re.compile(r"(?:[&!][^ \t\r\n]*[ \t]+)*")
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULL_TAG = "tag:yaml.org,2002:null"
_SCALAR, _ALIAS, _DOCUMENT_END = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentEndEvent
_SEQUENCE_START, _SEQUENCE_END, _MAPPING_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent, yaml.MappingEndEvent
_MAPPING_START = yaml.MappingStartEvent


class YNode:
    """A composed YAML node: where it is, and its resolved tag."""

    __slots__ = ("start", "end", "tag")

    def __init__(self, start: int, end: int, tag: str) -> None:
        self.start = start
        self.end = end
        self.tag = tag


class YScalar(YNode):
    __slots__ = ("value", "style", "has_properties")

    def __init__(self, start: int, end: int, tag: str, value: str, style: str, has_properties: bool) -> None:
        self.start = start  # not super().__init__: one call fewer for each of a large file's scalars
        self.end = end
        self.tag = tag
        self.value = value
        self.style = style
        self.has_properties = has_properties

    @property
    def is_null(self) -> bool:
        return self.tag == _NULL_TAG

    def __repr__(self) -> str:
        return f"YScalar({self.value!r}, {self.start}..{self.end})"


class YSeq(YNode):
    __slots__ = ("items",)

    def __init__(self, start: int, end: int, tag: str) -> None:
        self.start = start  # not super().__init__, like YScalar
        self.end = end
        self.tag = tag
        self.items: list[YNode] = []

    def __repr__(self) -> str:  # shallow: a deep or cyclic graph must not recurse
        return f"YSeq({len(self.items)} items, {self.start}..{self.end})"


class YMap(YNode):
    __slots__ = ("pairs",)

    def __init__(self, start: int, end: int, tag: str) -> None:
        self.start = start  # not super().__init__, like YScalar
        self.end = end
        self.tag = tag
        self.pairs: list[tuple[YNode, YNode]] = []

    def __repr__(self) -> str:
        return f"YMap({len(self.pairs)} pairs, {self.start}..{self.end})"


@dataclass
class YamlDocument:
    index: int
    """0-based position of the document in the stream (broken documents count too)."""
    root: Optional[YNode]
    start: int
    nodes: int = 0
    """Nodes composed for this document (an alias counts once): its walk budget grows with it."""

    def walker(self) -> "Walker":
        """A walker whose budget is linear in the document's own size."""
        return Walker(WALK_BUDGET + WALK_PER_NODE * self.nodes)


@dataclass
class YamlProblem:
    offset: int
    message: str


@dataclass
class YamlStream:
    text: str
    documents: list[YamlDocument] = field(default_factory=list)
    problems: list[YamlProblem] = field(default_factory=list)

    def located(self, scalar: YScalar) -> LocatedText:
        return locate_scalar(self.text, scalar)


class _Broken(Exception):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


class _TooLarge(_Broken):
    pass


def _error_offset(exc: yaml.YAMLError, base: int) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return base + mark.index
    return base + int(getattr(exc, "position", 0) or 0)


def _error_message(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        parts = [p for p in (exc.context, exc.problem) if p]
        return "; ".join(parts) or type(exc).__name__
    return getattr(exc, "reason", None) or str(exc).splitlines()[0]


class _Composer:
    """Turns parser events into nodes without recursion and without constructing objects."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.nodes = 0
        self._tags: dict[tuple[object, object, object], str] = {}
        """(kind, value, implicit) -> resolved tag: the safe resolver has no path resolvers, so a tag depends on
        these alone, and a large file repeats a few values (keys above all) many times."""
        self._scalar_tags: dict[tuple[str, object], str] = {}
        """The same for scalars, keyed by (value, implicit): the most common lookup, with a shorter key. Emptied
        at MAX_CACHED_TAGS: a file of distinct values (a service name each) would otherwise keep each twice."""

    def _tag(self, loader: yaml.SafeLoader, kind: type, value: Optional[str], implicit: object) -> str:
        key = (kind, value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            tag = self._tags[key] = loader.resolve(kind, value, implicit)
        return tag

    def document(self, loader: yaml.SafeLoader, base: int) -> Optional[YNode]:
        """One document's nodes, from the event after its DocumentStart through its DocumentEnd.

        A large file is a few hundred thousand events, so the loop keeps its state in locals: the
        open collection, whether it is a sequence and a mapping's pending key, with the enclosing
        collections' states on a stack; scalars, the most common event, are tested first.
        """
        anchors: dict[str, YNode] = {}
        stack: list[tuple[Optional[Union[YSeq, YMap]], bool, Optional[YNode]]] = []
        parent: Optional[Union[YSeq, YMap]] = None
        in_sequence = False
        key: Optional[YNode] = None
        root: Optional[YNode] = None
        get_event = loader.get_event
        scalar_tags = self._scalar_tags
        nodes = self.nodes
        try:
            while True:
                event = get_event()
                kind = type(event)  # the parsers make these exact classes; one lookup instead of a chain of isinstance
                node: YNode
                if kind is _SCALAR:
                    nodes += 1
                    if nodes > MAX_NODES:
                        raise _TooLarge(base + event.start_mark.index,
                                        f"more than {MAX_NODES} YAML nodes; the rest of the file is not analysed")
                    tag = event.tag
                    value = event.value
                    implicit = event.implicit
                    if tag is None or tag == "!":
                        cache_key = (value, implicit)
                        tag = scalar_tags.get(cache_key)
                        if tag is None:
                            if len(scalar_tags) >= MAX_CACHED_TAGS:
                                scalar_tags.clear()
                            tag = scalar_tags[cache_key] = loader.resolve(yaml.ScalarNode, value, implicit)
                    anchor = event.anchor
                    node = YScalar(base + event.start_mark.index, base + event.end_mark.index, tag, value,
                                   event.style or "", bool(anchor) or not implicit[0] and not implicit[1])
                    if anchor:
                        anchors[anchor] = node
                elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                    parent.end = base + event.end_mark.index  # type: ignore[union-attr]
                    parent, in_sequence, key = stack.pop()
                    continue
                elif kind is _DOCUMENT_END:
                    return root
                elif kind is _ALIAS:
                    nodes += 1
                    start = base + event.start_mark.index
                    if nodes > MAX_NODES:
                        raise _TooLarge(start, f"more than {MAX_NODES} YAML nodes; the rest of the file is not analysed")
                    target = anchors.get(event.anchor)
                    if target is None:
                        raise _Broken(start, f"found undefined alias {event.anchor!r}")
                    node = target
                else:  # a sequence or mapping starts
                    nodes += 1
                    start = base + event.start_mark.index
                    if nodes > MAX_NODES:
                        raise _TooLarge(start, f"more than {MAX_NODES} YAML nodes; the rest of the file is not analysed")
                    sequence = kind is _SEQUENCE_START
                    tag = event.tag
                    if tag is None or tag == "!":
                        tag = self._tag(loader, yaml.SequenceNode if sequence else yaml.MappingNode, None, event.implicit)
                    node = opened = (YSeq if sequence else YMap)(start, base + event.end_mark.index, tag)
                    if event.anchor:
                        anchors[event.anchor] = opened
                if parent is None:  # every node, scalar, alias or collection, takes its place in the open one
                    root = node
                elif in_sequence:
                    parent.items.append(node)  # type: ignore[union-attr]
                elif key is None:
                    key = node
                else:
                    parent.pairs.append((key, node))  # type: ignore[union-attr]
                    key = None
                if kind is _MAPPING_START or kind is _SEQUENCE_START:  # then it is the open one
                    if len(stack) >= MAX_DEPTH:
                        raise _Broken(node.start, f"nested deeper than {MAX_DEPTH} levels")
                    stack.append((parent, in_sequence, key))
                    parent, in_sequence, key = opened, sequence, None
        finally:
            self.nodes = nodes


def load_yaml(text: str) -> YamlStream:
    """Compose every document of a YAML stream; problems are collected, never raised."""
    with collector_paused():
        return _load_yaml(text)


def _load_yaml(text: str) -> YamlStream:
    stream = YamlStream(text)
    composer = _Composer(text)
    base = 0
    index = 0
    restarts = 0
    while True:
        loader = _LOADER(text[base:] if base else text)
        document_start = base
        try:
            loader.get_event()  # StreamStart
            while not loader.check_event(yaml.StreamEndEvent):
                event = loader.get_event()  # DocumentStart
                document_start = base + event.start_mark.index
                before = composer.nodes
                root = composer.document(loader, base)
                stream.documents.append(YamlDocument(index, root, document_start, composer.nodes - before))
                index += 1
            return stream
        except _TooLarge as exc:
            stream.problems.append(YamlProblem(exc.offset, exc.message))
            return stream
        except (yaml.YAMLError, _Broken) as exc:
            if isinstance(exc, _Broken):
                offset, message = exc.offset, exc.message
            else:
                offset, message = _error_offset(exc, base), _error_message(exc)
            if text[offset:offset + 1] == "\t":
                message += " (a tab; YAML indentation must use spaces)"
            following = _DOCUMENT_START.search(text, document_start + 1)
            skipped = "the rest of the file is not analysed" if following is None else "document skipped"
            stream.problems.append(YamlProblem(offset, f"invalid YAML (document {index + 1}): {message}; {skipped}"))
            index += 1
            restarts += 1
            if following is None:
                return stream
            if restarts > MAX_BROKEN_DOCUMENTS:
                stream.problems.append(YamlProblem(following.start(), "too many invalid documents; the rest is not analysed"))
                return stream
            base = following.start()
        finally:
            loader.dispose()


# ---- scalar values with positions --------------------------------------------


def locate_scalar(text: str, scalar: YScalar) -> LocatedText:
    """The scalar's value with the file offset of each character (see `flasklint.sources.located`)."""
    start, end = scalar.start, scalar.end
    if scalar.has_properties:  # skip `&anchor` / `!tag` before the value
        match = _NODE_PROPERTIES.match(text, start, end)
        if match:
            start = match.end()
    style = scalar.style
    if style in ("'", '"'):
        quote = text.find(style, start, end)
        content_start, content_end = (quote + 1, end - 1) if quote >= 0 else (start, end)
    elif style in ("|", ">"):
        newline = re.compile(r"\r\n|\r|\n").search(text, start, end)
        content_start, content_end = (newline.end() if newline else end), end
    else:
        content_start, content_end = start, end
    if text[content_start:content_end] == scalar.value:
        return LocatedText.verbatim(scalar.value, content_start, node_start=scalar.start,
                                    node_end=scalar.end, style=style)
    offsets = align(scalar.value, text, content_start, content_end)
    return LocatedText(scalar.value, offsets, scalar.start, scalar.end, style)


# ---- reading the graph within a budget -----------------------------------------


_TOO_COMPLEX = "the document expands to too many nodes (aliases); analysis stopped"


class YamlTooComplex(Exception):
    """Reading the document took more steps than the budget allows (alias expansion)."""


class Walker:
    """Read access to a composed document that charges every step to a budget.

    Aliases make the node graph a DAG (or, with recursive anchors, cyclic), so a
    naive walk can take exponential time. Every mapping or sequence read here
    costs its size; past the budget `YamlTooComplex` is raised and the analyzer
    reports it.
    """

    def __init__(self, budget: int = WALK_BUDGET) -> None:
        self.remaining = budget
        self._mappings: dict[int, tuple[YMap, dict[str, tuple[YScalar, YNode]], int]] = {}
        """id(node) -> (node, its mapping, the steps building it cost): a service's fields are read one
        `get` at a time, and rebuilding the mapping for each was most of a large compose file's walk."""

    def _charge(self, steps: int) -> None:
        self.remaining -= steps + 1
        if self.remaining < 0:
            raise YamlTooComplex(_TOO_COMPLEX)

    def items(self, node: Optional[YNode]) -> list[YNode]:
        if not isinstance(node, YSeq):
            return []
        self._charge(len(node.items))
        return node.items

    def mapping(self, node: Optional[YNode]) -> dict[str, tuple[YScalar, YNode]]:
        """Scalar keys to (key, value); `<<` merge keys applied; the last duplicate wins."""
        if not isinstance(node, YMap):
            return {}
        cached = self._mappings.get(id(node))
        if cached is not None and cached[0] is node:
            self.remaining -= cached[2]  # the same steps as building it again: the budget reads the same
            if self.remaining < 0:
                raise YamlTooComplex(_TOO_COMPLEX)
            return cached[1]
        before = self.remaining
        self._charge(len(node.pairs))  # what `_merge_into` charges first, raising where it would
        result: dict[str, tuple[YScalar, YNode]] = {}
        for key, value in node.pairs:  # most mappings merge nothing: their own pairs, in order, are the mapping
            if isinstance(key, YScalar):
                if key.tag == _MERGE_TAG:
                    self.remaining = before
                    result = {}
                    self._merge_into(result, node, set())
                    break
                result[key.value] = (key, value)
        self._mappings[id(node)] = (node, result, before - self.remaining)
        return result

    def _merge_into(self, result: dict[str, tuple[YScalar, YNode]], node: YMap, seen: set[int]) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        self._charge(len(node.pairs))
        merged: dict[str, tuple[YScalar, YNode]] = {}
        own: dict[str, tuple[YScalar, YNode]] = {}
        for key, value in node.pairs:
            if isinstance(key, YScalar) and key.tag == _MERGE_TAG:
                sources = [value] if isinstance(value, YMap) else self.items(value)
                for source in reversed(sources):  # earlier maps in a merge list take precedence
                    if isinstance(source, YMap):
                        self._merge_into(merged, source, seen)
            elif isinstance(key, YScalar):
                own[key.value] = (key, value)
        result.update(merged)
        result.update(own)

    def get(self, node: Optional[YNode], *path: str) -> Optional[YNode]:
        mappings = self._mappings
        for key in path:
            if not isinstance(node, YMap):
                return None
            cached = mappings.get(id(node))
            if cached is not None and cached[0] is node:  # `mapping`'s cache hit, without the call: a read per field
                self.remaining -= cached[2]
                if self.remaining < 0:
                    raise YamlTooComplex(_TOO_COMPLEX)
                pair = cached[1].get(key)
            else:
                pair = self.mapping(node).get(key)
            if pair is None:
                return None
            node = pair[1]
        return node

    def fields(self, node: Optional[YNode], keys: Sequence[str]) -> list[Optional[YNode]]:
        """The value of each key of one mapping (None where absent), charged as a `get` of each.

        An extractor reads five or six fields of every service or container; one call and one
        lookup of the mapping for all of them, with the steps the separate reads would take.
        """
        if not isinstance(node, YMap):
            return [None] * len(keys)
        mapping = self.mapping(node)
        if len(keys) > 1:
            self.remaining -= self._mappings[id(node)][2] * (len(keys) - 1)
            if self.remaining < 0:
                raise YamlTooComplex(_TOO_COMPLEX)
        found = [mapping.get(key) for key in keys]
        return [pair[1] if pair is not None else None for pair in found]


def scalar_value(node: Optional[YNode]) -> Optional[str]:
    """The text of a non-null scalar, else None."""
    if isinstance(node, YScalar) and not node.is_null:
        return node.value
    return None
