"""File formats for batch conversion: files in, translation units out, files back.

Independent of the translation engine::

    doc = read_document(Path("report.ar.docx"))
    out = doc.render([translate(unit) for unit in doc.units])
    (out_dir / output_name(doc.path)).write_bytes(out)

Each format module's docstring says exactly what it translates and what it keeps.
Format options (``fields``, ``output_field`` for JSON Lines, ``errors`` for text-based
formats) may be given to any format: a format ignores options meant for others, so one
set of options can be used for a folder of mixed files; an option no format knows is a
:class:`~translate.errors.ConfigError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from translate.errors import ConfigError, InputError
from translate.files.formats import docx, html, jsonl, markdown, subtitles, text
from translate.files.formats.base import Document

__all__ = [
    "FORMATS",
    "Document",
    "FormatSpec",
    "detect_format",
    "output_name",
    "parse_document",
    "read_document",
]

Parser = Callable[[bytes, Path, Mapping[str, object]], Document]


@dataclass(frozen=True)
class FormatSpec:
    """A registered format: its name, the extensions it claims and its parser."""

    name: str
    extensions: tuple[str, ...]
    parse: Parser
    options: frozenset[str]
    description: str


FORMATS: Mapping[str, FormatSpec] = MappingProxyType(
    {
        spec.name: spec
        for spec in (
            FormatSpec("txt", (".txt", ".text"), text.parse, text.OPTIONS, "plain text"),
            FormatSpec("srt", (".srt",), subtitles.parse_srt, subtitles.OPTIONS, "SubRip"),
            FormatSpec("vtt", (".vtt",), subtitles.parse_vtt, subtitles.OPTIONS, "WebVTT"),
            FormatSpec("jsonl", (".jsonl", ".ndjson"), jsonl.parse, jsonl.OPTIONS, "JSON Lines"),
            FormatSpec("docx", (".docx",), docx.parse, docx.OPTIONS, "Word document"),
            FormatSpec("html", (".html", ".htm", ".xhtml"), html.parse, html.OPTIONS, "HTML"),
            FormatSpec("md", (".md", ".markdown"), markdown.parse, markdown.OPTIONS, "Markdown"),
        )
    }
)

# A language tag just before the extension ("report.ar.txt") is replaced, not kept.
_SOURCE_TAG = re.compile(r"\.(?:ar|ara|arb|arabic)(?:[-_][A-Za-z]{2,4})?$", re.IGNORECASE)


def detect_format(path: Path | str) -> str:
    """The format name for ``path`` from its extension (case-insensitive)."""
    suffix = Path(path).suffix.lower()
    for spec in FORMATS.values():
        if suffix in spec.extensions:
            return spec.name
    known = ", ".join(ext for spec in FORMATS.values() for ext in spec.extensions)
    what = f"extension {suffix!r}" if suffix else "no extension"
    raise InputError(f"{path}: unsupported file type ({what}); known: {known}; or give a format")


def output_name(path: Path | str, suffix: str = ".en") -> str:
    """The output file name: ``report.ar.txt`` → ``report.en.txt``, ``a.txt`` → ``a.en.txt``."""
    name = Path(path).name
    ext = Path(name).suffix
    stem = name[: len(name) - len(ext)] if ext else name
    stem = _SOURCE_TAG.sub("", stem) or stem
    return f"{stem}{suffix}{ext}"


def _check_options(spec: FormatSpec, options: Mapping[str, object]) -> dict[str, object]:
    known = frozenset().union(*(s.options for s in FORMATS.values()))
    unknown = sorted(set(options) - known)
    if unknown:
        raise ConfigError(
            f"unknown format option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    return {k: v for k, v in options.items() if k in spec.options}


def parse_document(
    data: bytes, path: Path | str, fmt: str | None = None, **format_options: object
) -> Document:
    """Parse file content already in memory; ``path`` names it in messages."""
    path = Path(path)
    name = fmt or detect_format(path)
    spec = FORMATS.get(name)
    if spec is None:
        raise ConfigError(f"unknown format {name!r}; known: {', '.join(FORMATS)}")
    return spec.parse(data, path, _check_options(spec, format_options))


def read_document(path: Path | str, fmt: str | None = None, **format_options: object) -> Document:
    """Read and parse one file; problems with it raise :class:`InputError`."""
    path = Path(path)
    name = fmt or detect_format(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_document(data, path, name, **format_options)
