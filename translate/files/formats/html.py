"""HTML (``.html``, ``.htm``, ``.xhtml``): text nodes and a few attributes translated.

Built on the standard library's ``html.parser`` (no extra dependency). The parser only
finds *where* things are: the output is the original text with translated spans
replaced, so tags, attributes, comments, doctype, whitespace and entity spelling
outside the translated spans stay byte for byte.

Units
    Each text node (the text between two tags) is one unit, with its whitespace
    collapsed (HTML renders it collapsed anyway) and its entities decoded; the
    translation is escaped again (``&``, ``<``, ``>``, no-break space as ``&nbsp;``).
    So ``<p>نص <b>غامق</b> نص</p>`` gives three units: inline markup is never lost or
    misplaced, at the price of translating the pieces separately. Text nodes without
    letters or digits (" | ", "»") are left alone. The values of ``alt``, ``title``,
    ``placeholder`` and ``aria-label`` are units too.

Untouched
    The content of ``script``, ``style``, ``code``, ``pre``, ``kbd``, ``samp`` and
    ``textarea``, and of any element marked ``translate="no"`` or with the class
    ``notranslate`` (the HTML standard's and the web's usual opt-outs).

Direction and language (the only changes besides translations, also in an identity
render): ``<html>`` gets ``lang="en"`` and ``dir="ltr"`` (added when absent, and
``xml:lang`` set where present); on other elements ``dir="rtl"`` becomes ``ltr`` and an
Arabic ``lang``/``xml:lang`` becomes ``en``. A fragment without ``<html>`` gets no new
attributes. Output is always UTF-8: a file in a legacy encoding is read through its
``<meta charset>`` and a ``<meta>`` declaring another charset is changed to ``utf-8``.

Broken HTML: ``html.parser`` accepts almost anything, so the cases where that would
silently leave text untranslated are refused with InputError and the line: an
unterminated tag or comment, or a ``script``/``style``/``code``/``pre``/… never closed.
"""

from __future__ import annotations

import bisect
import codecs
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from translate.fileio import is_utf8, line_of
from translate.files.formats.base import (
    Document,
    collapse,
    decode_text,
    encode_text,
    errors_option,
    has_words,
    input_error,
    split_padding,
)

OPTIONS = frozenset({"errors"})

_SKIP = frozenset({"script", "style", "code", "pre", "kbd", "samp", "textarea"})
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SIBLINGS = frozenset({"p", "li", "option", "tr", "td", "th", "dt", "dd"})
_TEXT_ATTRS = ("alt", "title", "placeholder", "aria-label")
_ATTR = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?""")
_TAG_NAME = re.compile(r"<[^\s/>]+")
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_CHARSET_VALUE = re.compile(r"""(charset\s*=\s*["']?\s*)([A-Za-z0-9_:.-]+)""", re.I)
_ARABIC_LANG = re.compile(r"\s*(?:ar|ara|arb)(?:[-_]|\s*$)", re.I)
# Elements whose content the parser passes through as raw text, where "<x" is normal.
_RAW_TEXT = frozenset(
    {
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
    }
)
_MARKUP = re.compile(r"<[A-Za-z!/?]")

_Event = tuple[str, int, str, list[tuple[str, "str | None"]]]


class _Locator(HTMLParser):
    """Records the kind and start offset of every construct the parser reports."""

    def __init__(self, line_starts: list[int]) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[_Event] = []
        self._starts = line_starts

    def _add(
        self, kind: str, tag: str = "", attrs: list[tuple[str, str | None]] | None = None
    ) -> None:
        line, column = self.getpos()
        self.events.append((kind, self._starts[line - 1] + column, tag, attrs or []))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("startend", tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        if not self.events or self.events[-1][0] != "data":
            self._add("data")

    def handle_comment(self, data: str) -> None:
        self._add("other")

    def handle_decl(self, decl: str) -> None:
        self._add("other")

    def handle_pi(self, data: str) -> None:
        self._add("other")

    def unknown_decl(self, data: str) -> None:
        self._add("other")


def _quote(value: str, quote: str) -> str:
    return quote + html.escape(value, quote=True) + quote


def _rewrite_tag(raw: str, values: Mapping[str, str], add: tuple[str, ...]) -> str:
    """``raw`` start tag with the attributes in ``values`` set (those in ``add`` added)."""
    name = _TAG_NAME.match(raw)
    seen: set[str] = set()
    edits: list[tuple[int, int, str]] = []
    for attr in _ATTR.finditer(raw, name.end() if name else 1):
        key = attr.group(1).lower()
        if key in values and key not in seen:
            seen.add(key)
            value = attr.group(2) or ""
            quote = value[0] if value[:1] in ("'", '"') else '"'
            start, end = attr.span(2) if attr.group(2) else (attr.end(), attr.end())
            text = _quote(values[key], quote)
            edits.append((start, end, text if attr.group(2) else "=" + text))
    for start, end, text in sorted(edits, reverse=True):
        raw = raw[:start] + text + raw[end:]
    extra = "".join(f" {key}={_quote(values[key], chr(34))}" for key in add if key not in seen)
    close = len(raw) - (2 if raw.endswith("/>") else 1)
    return raw[:close].rstrip() + extra + raw[close:] if extra else raw


@dataclass
class _TextNode:
    index: int
    unit: str
    lead: str
    core: str
    trail: str


@dataclass
class _TagNode:
    raw: str
    fixed: dict[str, str]
    add: tuple[str, ...]
    units: dict[str, tuple[int, str]]


class HtmlDocument(Document):
    """An HTML file as raw pieces and translatable spans."""

    format_name = "html"

    def __init__(self, path: Path, text: str, bom: bool) -> None:
        super().__init__(path)
        self._bom = bom
        self._text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._pieces: list[str | _TextNode | _TagNode] = []
        locator = _Locator(self._line_starts)
        locator.feed(text)
        locator.close()
        if locator.cdata_elem:
            self._unclosed(locator.cdata_elem, locator.events)
        self._build(locator.events)

    def _line(self, offset: int) -> str:
        return f"line {bisect.bisect_right(self._line_starts, offset)}"

    def _unclosed(self, tag: str, events: list[_Event]) -> None:
        start = max((e[1] for e in events if e[0] == "start" and e[2] == tag), default=0)
        raise input_error(
            self.path, self._line(start), f"<{tag}> is never closed; the rest would be lost"
        )

    def _build(self, events: list[_Event]) -> None:
        stack: list[tuple[str, bool]] = []
        if not events:
            self._pieces.append(self._text)
            return
        bounds = [e[1] for e in events[1:]] + [len(self._text)]
        self._pieces.append(self._text[: events[0][1]])  # empty unless the parser skipped some
        previous = ""
        for (kind, start, tag, attrs), end in zip(events, bounds, strict=True):
            raw = self._text[start:end]
            skipping = any(skip for _, skip in stack)
            if kind == "data":
                markup = _MARKUP.search(raw) if previous not in _RAW_TEXT else None
                if markup:
                    where = self._line(start + markup.start())
                    raise input_error(self.path, where, "unterminated tag or comment")
                self._pieces.append(raw if skipping else self._data(raw, start))
                continue
            previous = tag if kind == "start" else ""
            if not raw.rstrip().endswith(">"):
                raise input_error(self.path, self._line(start), "unterminated tag or comment")
            if kind == "end":
                names = [name for name, _ in stack]
                if tag in names:
                    del stack[len(names) - 1 - names[::-1].index(tag) :]
            elif kind in ("start", "startend"):
                values = dict(attrs)
                own_skip = (
                    tag in _SKIP
                    or (values.get("translate") or "").lower() == "no"
                    or "notranslate" in (values.get("class") or "").split()
                )
                if kind == "start" and tag in _SIBLINGS and stack and stack[-1][0] == tag:
                    stack.pop()
                if kind == "start" and tag not in _VOID:
                    stack.append((tag, own_skip))
                # Only an opt-out (translate="no") covers the element's own attributes;
                # <textarea placeholder> or <pre title> are text for readers.
                attr_skip = skipping or (own_skip and tag not in _SKIP)
                self._pieces.append(self._tag(raw, tag, values, attr_skip, start))
                continue
            self._pieces.append(raw)
        unclosed = [tag for tag, skip in stack if skip and tag in _SKIP]
        if unclosed:
            self._unclosed(unclosed[0], events)

    def _data(self, raw: str, offset: int) -> str | _TextNode:
        lead, core, trail = split_padding(raw)
        unit = collapse(html.unescape(core))
        if not has_words(unit):
            return raw
        index = self.add_unit(unit, self._line(offset + len(lead)))
        return _TextNode(index, unit, lead, core, trail)

    def _tag(
        self, raw: str, tag: str, values: dict[str, str | None], skip: bool, offset: int
    ) -> str | _TagNode:
        fixed: dict[str, str] = {}
        if tag == "html":
            fixed.update({"lang": "en", "dir": "ltr"})
            if "xml:lang" in values:
                fixed["xml:lang"] = "en"
        else:
            for key in ("lang", "xml:lang"):
                if _ARABIC_LANG.match(values.get(key) or ""):
                    fixed[key] = "en"
            if (values.get("dir") or "").strip().lower() == "rtl":
                fixed["dir"] = "ltr"
        charset = _CHARSET_VALUE.search(raw) if tag == "meta" else None
        if charset and charset.group(2).lower() not in ("utf-8", "utf8"):
            raw = raw[: charset.start(2)] + "utf-8" + raw[charset.end(2) :]
        units: dict[str, tuple[int, str]] = {}
        for key in _TEXT_ATTRS:
            value = collapse(values.get(key) or "")
            if not skip and has_words(value):
                where = f"{self._line(offset)}, <{tag} {key}>"
                units[key] = (self.add_unit(value, where), value)
        if not fixed and not units:
            return raw
        return _TagNode(raw, fixed, ("lang", "dir") if tag == "html" else (), units)

    def _render(self, translations: list[str]) -> bytes:
        out: list[str] = []
        for piece in self._pieces:
            if isinstance(piece, str):
                out.append(piece)
            elif isinstance(piece, _TextNode):
                text, core = translations[piece.index], piece.core
                if text != piece.unit:
                    core = html.escape(text, quote=False).replace("\xa0", "&nbsp;")
                out.append(piece.lead + core + piece.trail)
            else:
                values = dict(piece.fixed)
                for key, (index, unit) in piece.units.items():
                    if translations[index] != unit:
                        values[key] = translations[index]
                out.append(_rewrite_tag(piece.raw, values, piece.add) if values else piece.raw)
        return encode_text("".join(out), self._bom)


def _decode(data: bytes, path: Path, errors: str) -> tuple[str, bool]:
    """UTF-8, or the legacy charset a ``<meta>`` declares (old Arabic pages: windows-1256)."""
    declared = _META_CHARSET.search(data[:4096])
    if declared is None or b"\x00" in data or is_utf8(data):
        return decode_text(data, path, errors)
    name = declared.group(1).decode("ascii")
    try:
        codecs.lookup(name)
        return data.decode(name, errors=errors), False
    except LookupError:
        raise input_error(path, "line 1", f"unknown charset {name!r} in <meta>") from None
    except UnicodeDecodeError as exc:
        line = line_of(data, exc.start)
        raise input_error(path, f"line {line}", f"not valid {name} text") from None


def parse(data: bytes, path: Path, options: Mapping[str, object]) -> HtmlDocument:
    text, bom = _decode(data, path, errors_option(options))
    return HtmlDocument(path, text, bom)
