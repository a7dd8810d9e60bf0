"""Import and export of two-column term lists (``english,arabic`` CSV or TSV).

This is the interchange shape of the DeepL, Amazon Translate and Google glossary
services, and of the TICO-19 terminology: one row per Arabic form, the English in the
first column. Importing groups rows by English into one entry each. Arabic cells often
carry a parenthesised gloss, e.g. ``مراكز مكافحة الأمراض والوقاية منها (CDC)``: the
import keeps that cell as written (so text that includes the gloss matches it whole and
the gloss is not translated twice) and adds the cell without the gloss as a second form;
the gloss goes into the entry's note.

A term list may give one Arabic form several English renderings (TICO-19 maps إنفلونزا
to both "flu" and "influenza"). A glossary cannot (see ``glossary check``): the first
English keeps the form and the others are named in its note; an English term left with
no form is dropped, and the import report says so.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from translate.errors import GlossaryError
from translate.fileio import atomic_write_text
from translate.glossary.model import Glossary
from translate.glossary.schema import parse_glossary_text
from translate.glossary.tokens import form_tokens
from translate.glossary.yaml_reader import read_glossary_bytes
from translate.text.normalize import normalize_text

_GLOSS_RE = re.compile(r"\s*\(([^()]*)\)\s*")
_HEADERS = {("english", "arabic"), ("en", "ar"), ("source", "target")}


@dataclass
class ImportReport:
    """What an import did: counts and every row or term it could not use as is."""

    rows: int = 0
    entries: int = 0
    forms: int = 0
    messages: list[str] = field(default_factory=list)


def _delimiter_for(path: Path, sample: str) -> str:
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".tab"):
        return "\t"
    if suffix == ".csv":
        return ","
    first = sample.split("\n", 1)[0]
    return "\t" if "\t" in first else ","


def read_term_rows(path: Path) -> tuple[list[tuple[int, str, str]], list[str]]:
    """``(line, english, arabic)`` rows of a term list, and messages for unusable rows."""
    text = read_glossary_bytes(path)
    delimiter = _delimiter_for(path, text)
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL,
    )
    rows: list[tuple[int, str, str]] = []
    messages: list[str] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or all(not c.strip() for c in cells):
                continue
            if len(cells) != 2:
                messages.append(
                    f"{path}:{line}: expected 2 columns (english, arabic), found {len(cells)}"
                )
                continue
            english = " ".join(cells[0].split())
            # Term lists copied from PDFs carry presentation forms and invisible controls;
            # a form keeps its letters (and diacritics) but not those, or it never matches.
            arabic = " ".join(normalize_text(cells[1], keep_diacritics=True).split())
            if not rows and not messages and (english.lower(), arabic.lower()) in _HEADERS:
                continue
            if not english or not arabic:
                messages.append(
                    f"{path}:{line}: empty {'english' if not english else 'arabic'} cell"
                )
                continue
            rows.append((line, english, arabic))
    except csv.Error as exc:
        raise GlossaryError(f"{path}:{reader.line_num}: cannot read as CSV/TSV: {exc}") from None
    return rows, messages


def _split_gloss(arabic: str) -> tuple[str, list[str]]:
    glosses = [g.strip() for g in _GLOSS_RE.findall(arabic) if g.strip()]
    stripped = " ".join(_GLOSS_RE.sub(" ", arabic).split())
    return stripped, glosses


def terms_to_entries(
    rows: Sequence[tuple[int, str, str]], *, source: str, entry_type: str = "term"
) -> tuple[list[dict[str, Any]], list[str]]:
    """Group term rows by English into glossary entries (as YAML-ready mappings)."""
    groups: dict[str, dict[str, Any]] = {}
    lines: dict[str, int] = {}
    for line, english, arabic in rows:
        group = groups.setdefault(english, {"forms": [], "glosses": [], "also": []})
        lines.setdefault(english, line)
        stripped, glosses = _split_gloss(arabic)
        group["forms"].append((line, arabic))
        if glosses and stripped:
            group["forms"].append((line, stripped))
        group["glosses"].extend(g for g in glosses if g not in group["glosses"])
    owner: dict[tuple[str, ...], str] = {}
    messages: list[str] = []
    entries: list[dict[str, Any]] = []
    kept_forms: dict[str, list[str]] = {}
    for english, group in groups.items():
        forms: list[str] = []
        for line, form in group["forms"]:
            key = form_tokens(form)
            if not key:
                messages.append(f"{source}:{line}: Arabic {form!r} has no letters; skipped")
                continue
            first = owner.get(key)
            if first is None:
                owner[key] = english
                forms.append(form)
            elif first != english:
                if english not in groups[first]["also"]:
                    groups[first]["also"].append(english)
                messages.append(
                    f"{source}:{line}: {form!r} already renders as {first!r}; "
                    f"{english!r} is noted on that entry instead"
                )
        kept_forms[english] = forms
    for english, group in groups.items():
        forms = kept_forms[english]
        if not forms:
            messages.append(
                f"{source}:{lines[english]}: {english!r} dropped: all its Arabic forms "
                "render as other terms"
            )
            continue
        entry: dict[str, Any] = {
            "english": english,
            "arabic": forms if len(forms) > 1 else forms[0],
        }
        if entry_type:
            entry["type"] = entry_type
        notes = []
        if group["glosses"]:
            notes.append("gloss in source list: " + ", ".join(group["glosses"]))
        if group["also"]:
            notes.append("also rendered as: " + ", ".join(group["also"]))
        if notes:
            entry["note"] = "; ".join(notes)
        entries.append(entry)
    return entries, messages


def dump_glossary(entries: Sequence[dict[str, Any]], *, name: str, description: str = "") -> str:
    """YAML text of a glossary file holding ``entries``."""
    document: dict[str, Any] = {"name": name}
    if description:
        document["description"] = description
    document["version"] = "1"
    document["entries"] = list(entries)
    return yaml.safe_dump(
        document, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=None
    )


def import_terms(
    path: Path, output: Path, *, entry_type: str = "term", name: str | None = None
) -> ImportReport:
    """Convert a term list into a glossary file; the result is validated before writing."""
    rows, messages = read_term_rows(path)
    entries, group_messages = terms_to_entries(rows, source=str(path), entry_type=entry_type)
    text = dump_glossary(
        entries,
        name=name or path.stem,
        description=f"Imported from {path.name} ({len(rows)} rows).",
    )
    _, problems = parse_glossary_text(text, str(output))
    errors = [str(p) for p in problems if p.severity == "error"]
    if errors:
        raise GlossaryError(f"{path}: the imported glossary would be invalid", errors)
    atomic_write_text(output, text)
    forms = sum(len(e["arabic"]) if isinstance(e["arabic"], list) else 1 for e in entries)
    return ImportReport(len(rows), len(entries), forms, messages + group_messages)


def export_terms(glossary: Glossary, output: Path, *, header: bool = False) -> int:
    """Write ``english,arabic`` rows (TSV for ``.tsv``/``.tab``, else CSV); returns rows."""
    delimiter = "\t" if output.suffix.lower() in (".tsv", ".tab") else ","
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        lineterminator="\n",
        quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL,
        escapechar=None,
    )
    if header:
        writer.writerow(["en", "ar"])
    count = 0
    for entry in glossary.entries:
        for form in entry.forms:
            writer.writerow([" ".join((entry.english or form).split()), form])
            count += 1
    atomic_write_text(output, buffer.getvalue())
    return count
