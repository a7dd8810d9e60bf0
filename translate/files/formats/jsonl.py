"""JSON Lines (``.jsonl``, ``.ndjson``): chosen string fields translated into new fields.

Format options
    ``fields``: dotted paths of the fields to translate (default ``["text"]``;
    ``"meta.title"`` is the key ``title`` of the object under ``meta``). Paths go through
    objects only (not into lists of objects); keys containing dots cannot be addressed.
    ``output_field``: the key the translation is written to, in the same object as the
    source field, inserted right after it (or replacing the value in place where the key
    already exists, e.g. on a rerun). Default ``"{field}_en"``, where ``{field}`` is the
    source key (``title`` → ``title_en``); a plain name is allowed when there is one
    field; a list gives one name per field; the source key itself translates in place.
    ``errors``: as for text files.

Everything else on a line is written back byte for byte: the new field is spliced into
the original text (with the line's own separator style), so other keys, their order,
spacing, number formats and ``\\uXXXX`` escapes are untouched. Translations are written
with real characters (no ``\\u`` escapes).

Values: a string is translated line by line (each of its non-blank lines is a unit;
``\\n`` inside it is kept); a list translates its string items; a missing field or
``null`` means nothing to translate and writes nothing; any other type is reported in
``problems`` and left alone.

Invalid lines: a line that is not valid JSON, or not a JSON object, is reported in
``problems`` with its line number and written back **unchanged**, so output line N is
always input line N (files stay joinable by line) and nothing is lost; the rest of the
file is translated. Blank lines stay as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from translate.errors import ConfigError
from translate.files.formats.base import (
    Document,
    decode_text,
    encode_text,
    errors_option,
    join_lines,
    split_lines,
    split_padding,
)

OPTIONS = frozenset({"errors", "fields", "output_field"})

_JSON_TYPES = {bool: "true/false", int: "number", float: "number", dict: "object", list: "list"}
_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, pos: int) -> int:
    match = _WS.match(text, pos)
    return match.end() if match else pos


def _member(text: str, pos: int, key: str) -> tuple[int, int, str] | None:
    """(value start, value end, key/value separator) of the last ``key`` in the object
    that starts at ``pos``, found in the raw text so the rest can stay as it was."""
    found = None
    pos = _skip(text, pos + 1)
    if text[pos] == "}":
        return None
    while True:
        name, after_key = _DECODER.raw_decode(text, pos)
        start = _skip(text, _skip(text, after_key) + 1)
        end = _DECODER.raw_decode(text, start)[1]
        if name == key:
            found = (start, end, text[after_key:start])
        pos = _skip(text, end)
        if text[pos] != ",":
            return found
        pos = _skip(text, pos + 1)


def _string_option(options: Mapping[str, object], name: str, default: list[str]) -> list[str]:
    value = options.get(name)
    if value is None:
        return default
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"format option {name}: expected a name or a list of names")
    return list(value)


def check_options(options: Mapping[str, object]) -> None:
    """Raise :class:`ConfigError` if ``fields``/``output_field`` cannot work together.

    The same check :func:`parse` makes per file, for callers that want to refuse a bad
    plan once, before any file is read.
    """
    _field_plan(options)


def _field_plan(options: Mapping[str, object]) -> list[tuple[list[str], str]]:
    """(source path as keys, output key) for each field, checked for clashes."""
    fields = _string_option(options, "fields", ["text"])
    outputs = _string_option(options, "output_field", ["{field}_en"])
    if len(outputs) == 1 and "{field}" not in outputs[0] and len(fields) > 1:
        raise ConfigError(
            "output_field: one plain name for several fields; use '{field}_en' or one per field"
        )
    if len(outputs) not in (1, len(fields)):
        raise ConfigError(f"output_field: {len(outputs)} names for {len(fields)} fields")
    plan = []
    for number, field in enumerate(fields):
        keys = field.split(".")
        if not all(keys):
            raise ConfigError(f"fields: {field!r} is not a valid dotted path")
        template = outputs[number if len(outputs) > 1 else 0]
        plan.append((keys, template.replace("{field}", keys[-1])))
    written = [".".join([*keys[:-1], out]) for keys, out in plan]
    sources = [".".join(keys) for keys, _ in plan]
    for path, source in zip(written, sources, strict=True):
        if (path in sources and path != source) or written.count(path) > 1:
            raise ConfigError(f"output_field: {path!r} would overwrite another field")
    return plan


class _Edit:
    """One output value to write: where it goes and the units it is made of."""

    def __init__(self, at: tuple[int, int], insert_key: str | None, sep: str, value: object):
        self.at, self.insert_key, self.sep, self.value = at, insert_key, sep, value
        # (index in the flattened list of string lines, unit index, lead, trail)
        self.slots: list[tuple[int, int, int, str, str]] = []


class JsonlDocument(Document):
    """A JSON Lines file; see the module docstring for the rules."""

    format_name = "jsonl"

    def __init__(self, path: Path, text: str, bom: bool, plan: list[tuple[list[str], str]]):
        super().__init__(path)
        self._bom = bom
        self._lines = split_lines(text)
        self._edits: dict[int, list[_Edit]] = {}
        for number, (content, _ending) in enumerate(self._lines, start=1):
            if content.strip():
                self._read_line(number, content, plan)

    def _read_line(self, number: int, content: str, plan: list[tuple[list[str], str]]) -> None:
        where = f"line {number}"
        try:
            obj = json.loads(content)
        except json.JSONDecodeError as exc:
            self.add_problem(where, f"not valid JSON ({exc.msg}, column {exc.colno}); left as is")
            return
        if not isinstance(obj, dict):
            kind = _JSON_TYPES.get(type(obj), "string")
            self.add_problem(where, f"a JSON {kind}, not an object; left as is")
            return
        for keys, out_key in plan:
            parent: object = obj
            start = _skip(content, 0)
            for key in keys[:-1]:
                if not isinstance(parent, dict) or not isinstance(parent.get(key), dict):
                    parent = None
                    break
                span = _member(content, start, key)
                assert span is not None  # json.loads saw the key, so the text has it
                start, parent = span[0], parent[key]
            if not isinstance(parent, dict) or parent.get(keys[-1]) is None:
                continue
            value = parent[keys[-1]]
            field = ".".join(keys)
            if not isinstance(value, (str, list)):
                kind = _JSON_TYPES.get(type(value), "value")
                self.add_problem(where, f"field {field!r} is a {kind}, not text; left as is")
                continue
            source = _member(content, start, keys[-1])
            target = _member(content, start, out_key)
            assert source is not None
            if target is not None:
                edit = _Edit((target[0], target[1]), None, target[2], value)
            else:
                edit = _Edit((source[1], source[1]), out_key, source[2], value)
            strings = (
                [v for v in value if isinstance(v, str)] if isinstance(value, list) else [value]
            )
            for item, string in enumerate(strings):
                for row, line in enumerate(string.split("\n")):
                    lead, core, trail = split_padding(line)
                    if core:
                        unit = self.add_unit(core, f"{where}, field {field}")
                        edit.slots.append((item, row, unit, lead, trail))
            self._edits.setdefault(number - 1, []).append(edit)

    def _render(self, translations: list[str]) -> bytes:
        lines = list(self._lines)
        for index, edits in self._edits.items():
            content = lines[index][0]
            for edit in sorted(edits, key=lambda e: e.at, reverse=True):
                value = _translated(edit, translations)
                item_sep = ", " if " " in edit.sep else ","
                dumped = json.dumps(value, ensure_ascii=False, separators=(item_sep, edit.sep))
                if edit.insert_key is not None:
                    key = json.dumps(edit.insert_key, ensure_ascii=False)
                    dumped = f"{item_sep}{key}{edit.sep}{dumped}"
                content = content[: edit.at[0]] + dumped + content[edit.at[1] :]
            lines[index] = (content, lines[index][1])
        return encode_text(join_lines(lines), self._bom)


def _translated(edit: _Edit, translations: list[str]) -> object:
    values = edit.value if isinstance(edit.value, list) else [edit.value]
    strings = [v.split("\n") for v in values if isinstance(v, str)]
    for item, row, unit, lead, trail in edit.slots:
        strings[item][row] = lead + translations[unit] + trail
    joined = iter("\n".join(rows) for rows in strings)
    result = [next(joined) if isinstance(v, str) else v for v in values]
    return result if isinstance(edit.value, list) else result[0]


def parse(data: bytes, path: Path, options: Mapping[str, object]) -> JsonlDocument:
    plan = _field_plan(options)
    text, bom = decode_text(data, path, errors_option(options))
    return JsonlDocument(path, text, bom, plan)
