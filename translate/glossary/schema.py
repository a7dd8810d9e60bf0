"""The glossary file schema: from a parsed YAML document to entries and problems.

Every problem of a file is collected with its line, so ``glossary check`` and a failed
load list them all at once. The format is documented in ``glossaries/README.md``.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from translate.glossary.checks import check_entries
from translate.glossary.model import ENTRY_TYPES, Entry, Glossary, Problem
from translate.glossary.tokens import gc_paused, prime_form_tokens
from translate.glossary.yaml_reader import LineDict, LineList, parse_yaml

_TYPE_ALIASES = {"organization": "organisation", "org": "organisation", "location": "place"}
FILE_KEYS = ("name", "description", "version", "entries")
ENTRY_KEYS = (
    "english",
    "arabic",
    "type",
    "note",
    "case_sensitive",
    "keep",
    "variants",
    "ambiguous",
    "ignore",
)


class _Collector:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, line, message))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, line, message, "warning"))

    def unknown_keys(self, mapping: LineDict, allowed: Sequence[str], what: str) -> None:
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.error(
                    mapping.key_lines[key],
                    f"unknown {what} key {key!r}{hint}; allowed: {', '.join(allowed)}",
                )


def _text(
    value: Any, col: _Collector, line: int, key: str, *, required: bool, numbers: bool = True
) -> str | None:
    """``value`` as stripped text; a number is accepted (as written) only if ``numbers``."""
    if value is None:
        if required:
            col.error(line, f"{key!r} is missing")
        return None
    if not numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
        # YAML reads `english: 123` as a number and `english: 1.50` as 1.5: what would
        # be inserted is not what was written, so the rendering must be quoted.
        col.error(line, f'{key!r} must be text, not {_kind(value)}; quote it: {key}: "{value}"')
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        col.error(line, f"{key!r} must be text, not {_kind(value)}")
        return None
    text = str(value).strip()
    if not text and required:
        col.error(line, f"{key!r} is empty")
        return None
    return text


def _flag(value: Any, col: _Collector, line: int, key: str, default: bool) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        col.error(line, f"{key!r} must be true or false, not {value!r}")
        return default
    return value


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _forms(mapping: LineDict, col: _Collector) -> tuple[str, ...]:
    before = len(col.problems)
    line = mapping.key_lines.get("arabic", mapping.line)
    raw = mapping.get("arabic")
    if raw is None:
        col.error(mapping.line, "'arabic' is missing: give one form or a list of forms")
        return ()
    items: list[tuple[Any, int]]
    if isinstance(raw, LineList):
        items = list(zip(raw, raw.item_lines, strict=True))
    else:
        items = [(raw, line)]
    forms: list[str] = []
    for value, item_line in items:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            col.error(item_line, f"Arabic form must be text, not {_kind(value)}")
            continue
        form = " ".join(str(value).split())
        if not form:
            col.error(item_line, "empty Arabic form")
            continue
        forms.append(form)
    if not forms and len(col.problems) == before:
        col.error(line, "'arabic' lists no forms")
    return tuple(forms)


_ENTRY_KEY_SET = frozenset(ENTRY_KEYS)
_PLAIN_TYPES = frozenset(ENTRY_TYPES)


def _entry_fast(mapping: Any, line: int, source: str) -> Entry | None:
    """The common, well-formed entry built without per-field checks; ``None`` otherwise.

    Big glossaries are almost entirely such entries; anything unusual goes through
    :func:`_entry`, which explains what is wrong.
    """
    if type(mapping) is not LineDict or not mapping.keys() <= _ENTRY_KEY_SET:
        return None
    get = mapping.get
    english, arabic, type_ = get("english"), get("arabic"), get("type")
    note, case_sensitive, keep, variants = (
        get("note"),
        get("case_sensitive", False),
        get("keep", False),
        get("variants"),
    )
    if keep is not False or type(english) is not str or type(case_sensitive) is not bool:
        return None
    if (type_ is not None and type_ not in _PLAIN_TYPES) or (
        note is not None and type(note) is not str
    ):
        return None
    if variants is not None and type(variants) is not bool:
        return None
    if get("ambiguous", False) is not False or get("ignore", False) is not False:
        return None
    english = english.strip()
    if not english:
        return None
    if type(arabic) is str:
        arabic = [arabic]
    elif type(arabic) is not LineList or not arabic:
        return None
    forms = []
    for value in arabic:
        if type(value) is not str:
            return None
        form = " ".join(value.split())
        if not form:
            return None
        forms.append(form)
    return Entry(
        english,
        tuple(forms),
        type_,
        note.strip() if note else "",
        case_sensitive,
        False,
        type_ != "term" if variants is None else variants,
        source,
        line,
    )


def _entry(mapping: Any, line: int, col: _Collector) -> Entry | None:
    fast = _entry_fast(mapping, line, col.source)
    if fast is not None:
        return fast
    if not isinstance(mapping, LineDict):
        col.error(
            line, f"an entry must be a mapping with 'english' and 'arabic', not {_kind(mapping)}"
        )
        return None
    col.unknown_keys(mapping, ENTRY_KEYS, "entry")
    lines = mapping.key_lines
    keep = _flag(mapping.get("keep"), col, lines.get("keep", line), "keep", False)
    ignore = _flag(mapping.get("ignore"), col, lines.get("ignore", line), "ignore", False)
    english = _text(
        mapping.get("english"),
        col,
        lines.get("english", line),
        "english",
        required=not (keep or ignore),
        numbers=False,
    )
    if keep and english:
        col.error(
            lines["english"],
            "an entry with 'keep: true' has no 'english' (its matches stay as written)",
        )
    if ignore and english:
        col.error(
            lines["english"],
            "an entry with 'ignore: true' has no 'english' (its matches are left to the model)",
        )
    if ignore and keep:
        col.error(line, "an entry is 'keep' or 'ignore', not both")
    forms = _forms(mapping, col)
    type_ = _text(mapping.get("type"), col, lines.get("type", line), "type", required=False)
    if type_:
        type_ = _TYPE_ALIASES.get(type_.lower(), type_.lower())
        if type_ not in ENTRY_TYPES:
            col.error(
                lines["type"],
                f"unknown type {mapping['type']!r}; use one of {', '.join(ENTRY_TYPES)}",
            )
    note = _text(mapping.get("note"), col, lines.get("note", line), "note", required=False)
    case_sensitive = _flag(
        mapping.get("case_sensitive"),
        col,
        lines.get("case_sensitive", line),
        "case_sensitive",
        False,
    )
    # Spelling variants are rules for transliterated names; ordinary terms opt in.
    variants = _flag(
        mapping.get("variants"), col, lines.get("variants", line), "variants", type_ != "term"
    )
    ambiguous = _flag(
        mapping.get("ambiguous"), col, lines.get("ambiguous", line), "ambiguous", False
    )
    # An entry with other errors still takes part in the cross-entry checks (so a file's
    # problems are all reported in one go); the errors keep it from ever being used.
    if not forms or (not english and not keep and not ignore):
        return None
    return Entry(
        english="" if keep or ignore else (english or ""),
        forms=forms,
        type=type_ or None,
        note=note or "",
        case_sensitive=case_sensitive,
        keep=keep,
        variants=variants,
        source=col.source,
        line=line,
        ambiguous=ambiguous,
        ignore=ignore,
    )


def parse_glossary_text(
    text: str, source: str = "<string>", *, thorough: bool = False
) -> tuple[Glossary, list[Problem]]:
    """Validate one glossary document; returns what could be read and every problem.

    Syntax errors, aliases and other reading failures raise :class:`GlossaryError`
    directly (there is nothing sensible to validate after them).
    """
    document = parse_yaml(text, source)
    col = _Collector(source)
    if document is None:
        col.error(1, "the file is empty; a glossary needs 'entries'")
        return Glossary((), sources=(source,)), col.problems
    if not isinstance(document, LineDict):
        col.error(
            getattr(document, "line", 1),
            f"the top level must be a mapping with 'entries', not {_kind(document)}",
        )
        return Glossary((), sources=(source,)), col.problems
    col.unknown_keys(document, FILE_KEYS, "file")
    lines = document.key_lines
    name = _text(document.get("name"), col, lines.get("name", 1), "name", required=False)
    description = _text(
        document.get("description"), col, lines.get("description", 1), "description", required=False
    )
    version = _text(
        document.get("version"), col, lines.get("version", 1), "version", required=False
    )
    raw_entries = document.get("entries")
    entries: list[Entry] = []
    with gc_paused():
        if raw_entries is None:
            col.error(document.line, "'entries' is missing")
        elif not isinstance(raw_entries, LineList):
            col.error(lines["entries"], f"'entries' must be a list, not {_kind(raw_entries)}")
        else:
            if not raw_entries:
                col.warn(lines["entries"], "the glossary has no entries")
            for item, item_line in zip(raw_entries, raw_entries.item_lines, strict=True):
                entry = _entry(item, item_line, col)
                if entry is not None:
                    entries.append(entry)
        prime_form_tokens([form for entry in entries for form in entry.forms])
        col.problems.extend(check_entries(entries, thorough=thorough))
    glossary = Glossary(
        tuple(entries),
        name=name or Path(source).stem,
        description=description or "",
        version=version or "",
        sources=(source,),
    )
    return glossary, col.problems
