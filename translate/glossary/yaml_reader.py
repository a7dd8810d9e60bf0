"""Bounded, line-aware reading of glossary YAML.

Glossaries come from users, so reading one must be safe (no object construction, as with
``yaml.safe_load``), bounded (a size cap checked before anything is parsed, no aliases, a
cap on nodes and nesting) and precise (every value keeps its line number so problems can
be reported as ``file:line``).

``yaml.safe_load`` gives neither line numbers nor speed: on a 50,000-entry glossary it
takes several seconds, almost all of it in PyYAML's Python composer. This module reads
the parser's event stream instead (libyaml when available, PyYAML's pure-Python parser
otherwise), using the *safe* loader's tag resolution for plain scalars, and builds plain
dicts, lists and scalars itself. Anything outside the YAML core schema (``!!python/...``
and other explicit tags) is refused; aliases are refused outright, which makes
"billion laughs" documents impossible rather than merely expensive.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from translate.errors import GlossaryError
from translate.fileio import decode_utf8_strict
from translate.glossary.tokens import gc_paused

MAX_GLOSSARY_BYTES = 32 * 1024 * 1024
MAX_YAML_EVENTS = 5_000_000
MAX_YAML_DEPTH = 32

_NOT_UTF8 = (
    "{source}:{line}: not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); "
    "save the file as UTF-8"
)
_STR_TAG = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {
    None,
    "!",
    _STR_TAG,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
# Plain scalars starting with any other character are strings; skipping the resolver for
# them matters on big files. A resolver registered for any first character disables this.
_RESOLVER_FIRST_CHARS: frozenset[str] | None = (
    None
    if None in Resolver.yaml_implicit_resolvers
    else frozenset(k for k in Resolver.yaml_implicit_resolvers if k)
)


class LineDict(dict[Any, Any]):
    """A YAML mapping that remembers where it and each of its keys were written."""

    __slots__ = ("key_lines", "line")  # no per-instance __dict__: big files have many
    line: int
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A YAML sequence that remembers where it and each of its items were written."""

    __slots__ = ("item_lines", "line")
    line: int
    item_lines: list[int]


def read_glossary_bytes(path: Path, *, max_bytes: int = MAX_GLOSSARY_BYTES) -> str:
    """Read ``path`` as UTF-8 text, refusing files over ``max_bytes`` before parsing.

    The size is checked on the open file and the read is capped, so a huge file (or a
    device that never ends) costs at most ``max_bytes + 1`` bytes of memory.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise GlossaryError(f"{path}: glossary file not found") from None
    except IsADirectoryError:
        raise GlossaryError(f"{path}: is a directory, not a glossary file") from None
    except OSError as exc:
        raise GlossaryError(f"{path}: cannot read glossary: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise GlossaryError(
            f"{path}: glossary file is larger than {max_bytes // (1024 * 1024)} MiB; "
            "split it into several files or remove unused entries"
        )
    # Strict UTF-8 (a leading BOM is allowed), naming the line of the first bad byte.
    return decode_utf8_strict(
        data.removeprefix(codecs.BOM_UTF8), str(path), error=GlossaryError, message=_NOT_UTF8
    )


def _scalar(event: Any, source: str) -> Any:
    value: str = event.value
    tag = event.tag
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return value
        tag = _RESOLVER.resolve(ScalarNode, value, (True, False))
    if tag == _STR_TAG:
        return value
    constructor = _CONSTRUCTOR.yaml_constructors.get(tag)
    if constructor is None:  # pragma: no cover - resolver only yields core tags
        return value
    try:
        return constructor(_CONSTRUCTOR, ScalarNode(tag, value))
    except (ValueError, yaml.YAMLError):
        line = event.start_mark.line + 1
        raise GlossaryError(f"{source}:{line}: {value!r} is not a valid {tag}") from None


_NO_KEY = object()
_BAD_KEY = object()


def parse_yaml(text: str, source: str) -> Any:
    """Parse one YAML document into LineDict/LineList/scalars.

    Raises :class:`GlossaryError` with ``source:line`` for syntax errors, aliases, unsafe
    tags, multiple documents, excessive size or nesting, and duplicate keys.
    """
    problems: list[str] = []
    try:
        with gc_paused():
            root = _build(yaml.parse(text, Loader=_Loader), source, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        raise GlossaryError(f"{where}: malformed YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise GlossaryError(f"{source}: malformed YAML: {exc}") from None
    if problems:
        raise GlossaryError(f"{source}: malformed glossary", [f"{source}:{p}" for p in problems])
    return root


def _build(events: Iterable[Any], source: str, problems: list[str]) -> Any:
    # One flat loop: this runs once per YAML node of files with hundreds of thousands of
    # them, so the usual helper-function structure would double the load time.
    stack: list[Any] = []
    keys: list[Any] = []
    root: Any = None
    documents = 0
    scalar_event = yaml.ScalarEvent
    start_events = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    end_events = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    first_chars = _RESOLVER_FIRST_CHARS
    for count, event in enumerate(events):
        if count > MAX_YAML_EVENTS:
            raise GlossaryError(f"{source}: glossary has too many YAML nodes")
        kind = type(event)
        if kind is scalar_event:
            if event.tag is not None:
                _check_tag(event, source)
            value: Any = event.value
            if event.tag is not None or not event.implicit[0]:
                value = _scalar(event, source)
            elif first_chars is None or not value or value[0] in first_chars:
                value = _scalar(event, source)
            line = event.start_mark.line + 1
        elif kind in start_events:
            if event.tag is not None:
                _check_tag(event, source)
            if len(stack) >= MAX_YAML_DEPTH:
                raise GlossaryError(f"{source}:{event.start_mark.line + 1}: YAML nested too deeply")
            container: LineDict | LineList
            if kind is yaml.MappingStartEvent:
                container = LineDict()
                container.key_lines = {}
            else:
                container = LineList()
                container.item_lines = []
            container.line = event.start_mark.line + 1
            stack.append(container)
            keys.append(_NO_KEY)
            continue
        elif kind in end_events:
            value = stack.pop()
            keys.pop()
            line = value.line
        elif kind is yaml.AliasEvent:
            raise GlossaryError(
                f"{source}:{event.start_mark.line + 1}: YAML aliases (*{event.anchor}) are "
                "not allowed in glossaries; write the value out in full"
            )
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise GlossaryError(
                    f"{source}:{event.start_mark.line + 1}: a glossary file holds one YAML "
                    "document; remove the second '---' or split the file"
                )
            continue
        else:
            continue
        if not stack:
            root = value
            continue
        top = stack[-1]
        if type(top) is LineList:
            top.append(value)
            top.item_lines.append(line)
            continue
        pending = keys[-1]
        if pending is _NO_KEY:
            if isinstance(value, (dict, list)):
                problems.append(f"{line}: a mapping or list cannot be used as a key")
                keys[-1] = _BAD_KEY
            elif value in top:
                problems.append(
                    f"{line}: duplicate key {value!r} (first written on line "
                    f"{top.key_lines[value]})"
                )
                keys[-1] = _BAD_KEY
            else:
                keys[-1] = value
                top.key_lines[value] = line
            continue
        if pending is not _BAD_KEY:
            top[pending] = value
        keys[-1] = _NO_KEY
    return root


def _check_tag(event: Any, source: str) -> None:
    if event.tag not in _ALLOWED_TAGS:
        line = event.start_mark.line + 1
        raise GlossaryError(
            f"{source}:{line}: YAML tag {event.tag} is not allowed in glossaries "
            "(only plain strings, numbers, booleans, lists and mappings)"
        )
