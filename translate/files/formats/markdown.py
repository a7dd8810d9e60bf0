"""Markdown (``.md``, ``.markdown``): prose translated, code and link targets untouched.

Kept byte for byte: YAML (``---``) or TOML (``+++``) front matter; fenced (`````` ``` ``````,
``~~~``) and indented code blocks; HTML blocks; link reference definitions; thematic
breaks and setext underlines; heading, list, task-box and blockquote markers and
indentation; table pipes and the delimiter row; and inline: code spans, link and image
targets (``](url "title")``, ``][ref]``), autolinks ``<https://…>``, inline HTML tags,
backslash escapes, emphasis delimiters, hard line breaks.

Units: the text runs *between* inline markup, the same granularity as HTML text nodes.
``نص **غامق** [رابط](https://x)`` gives "نص", "غامق" and "رابط": markup can never be
broken or misplaced by the model, at the price of translating such pieces separately.
A paragraph's lines are joined (soft line breaks are spaces in Markdown), so a sentence
wrapped over several lines is one unit; its translation is re-wrapped into the original
number of lines (balanced), each line keeping its own prefix (``> ``, indentation).
Headings and table cells are units on their own. Runs without letters or digits are
left alone. Bare URLs inside text stay in the unit: the engine restores URLs verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from translate.files.formats.base import (
    Document,
    collapse,
    decode_text,
    encode_text,
    errors_option,
    has_words,
    split_lines,
    split_padding,
    wrap_balanced,
)

OPTIONS = frozenset({"errors"})

_BLOCKQUOTE = re.compile(r"(?: {0,3}> ?)+")
_FENCE = re.compile(r"(`{3,}(?!.*`)|~{3,})")
_ATX = re.compile(r"(#{1,6})([ \t]+|$)")
_ATX_CLOSE = re.compile(r"([ \t]+#+)?[ \t]*$")
_BREAK = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_LIST = re.compile(r"([-+*]|[0-9]{1,9}[.)])([ \t]+(?:\[[ xX]\][ \t]+)?|[ \t]*$)")
_REF_DEF = re.compile(r"\[[^\]]+\]:[ \t]*\S")
_DELIMITER_ROW = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|center|details|dialog|dd|div|dl|dt|fieldset|"
    "figcaption|figure|footer|form|h[1-6]|header|hr|html|iframe|legend|li|main|menu|nav|"
    "ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul"
)
_HTML_BLOCKS = (
    (
        re.compile(r"<(?:script|pre|style|textarea)(?:[\s>]|$)", re.I),
        re.compile(r"</(?:script|pre|style|textarea)>", re.I),
    ),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
    (re.compile(rf"</?(?:{_BLOCK_TAGS})(?:[\s/>]|$)", re.I), None),
)
_HTML_LONE_TAG = re.compile(r"(?:<[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|</[A-Za-z][\w-]*\s*>)[ \t]*$")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)\n")
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_PLAIN = re.compile(r"[^\\`<\[\]!*_~ \n]+")
_INLINE_HTML = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)


def _run(text: str, pos: int) -> int:
    """Length of the run of ``text[pos]`` characters starting at ``pos``."""
    end = pos
    while end < len(text) and text[end] == text[pos]:
        end += 1
    return end - pos


def _code_end(text: str, pos: int) -> int:
    """End of the code span opening at ``pos``; just the backtick run when never closed."""
    run = _run(text, pos)
    close = re.compile(rf"(?<!`){'`' * run}(?!`)").search(text, pos + run)
    return close.end() if close else pos + run


def _split_quote(line: str) -> tuple[str, str]:
    """(blockquote markers, the rest) of ``line``."""
    quote = _BLOCKQUOTE.match(line)
    prefix = quote.group() if quote else ""
    return prefix, line[len(prefix) :]


def _link_end(text: str, pos: int) -> tuple[int, int] | None:
    """(index of the closing ``]``, end of the target) for a link whose ``[`` is at pos."""
    depth, j = 0, pos
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == "`":
            j = _code_end(text, j)
            continue
        depth += {"[": 1, "]": -1}.get(text[j], 0)
        if depth == 0:
            break
        j += 1
    else:
        return None
    after = j + 1
    if text.startswith("[", after):
        end = text.find("]", after)
        return (j, end + 1) if end > 0 else None
    if not text.startswith("(", after):
        return None
    depth, k = 0, after
    while k < len(text):
        char = text[k]
        k += 2 if char == "\\" else 1
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return j, k
    return None


def _delimiter(text: str, pos: int, run: int) -> bool:
    """Whether the ``*``/``_``/``~`` run at ``pos`` is emphasis markup, not a literal."""
    before = text[pos - 1] if pos else " "
    after = text[pos + run] if pos + run < len(text) else " "
    if text[pos] == "_" and before.isalnum() and after.isalnum():
        return False  # snake_case inside a word
    if text[pos] == "~" and run < 2:
        return False
    return not (before.isspace() and after.isspace())


def inline_tokens(text: str) -> list[tuple[bool, str]]:
    """``text`` as (is_markup, piece) pairs; joining the pieces gives ``text`` back."""
    spans: list[tuple[bool, int, int]] = []
    closers: dict[int, int] = {}
    pos = 0

    def emit(markup: bool, end: int) -> None:
        if spans and spans[-1][0] == markup:
            spans[-1] = (markup, spans[-1][1], end)
        else:
            spans.append((markup, pos, end))

    while pos < len(text):
        char, end, markup = text[pos], pos + 1, True
        special = _HARD_BREAK.match(text, pos) or _ESCAPE.match(text, pos)
        if pos in closers:
            end = closers.pop(pos)
        elif special:
            end = special.end()
        elif char == "`":
            end = _code_end(text, pos)
        elif char == "<" and (m := _AUTOLINK.match(text, pos) or _INLINE_HTML.match(text, pos)):
            end = m.end()
        elif char == "[" or text.startswith("![", pos):
            bracket = pos + (char == "!")
            link = _link_end(text, bracket)
            end = bracket + 1
            if link is None:
                markup = False
            else:
                closers[link[0]] = link[1]
        elif char in "*_~":
            end = pos + _run(text, pos)
            markup = _delimiter(text, pos, end - pos)
        else:
            plain = _PLAIN.match(text, pos)
            end, markup = (plain.end() if plain else end), False
        emit(markup, end)
        pos = end
    return [(markup, text[start:end]) for markup, start, end in spans]


@dataclass
class _Run:
    index: int
    unit: str
    lead: str
    core: str
    trail: str


@dataclass
class _Block:
    """Lines rendered together: their prefixes, endings and content pieces."""

    prefixes: list[str]
    endings: list[str]
    contents: list[str]
    first_line: int
    pieces: list[str | _Run] = field(default_factory=list)


class MarkdownDocument(Document):
    """A Markdown file as raw lines and blocks with translatable runs."""

    format_name = "md"

    def __init__(self, path: Path, text: str, bom: bool) -> None:
        super().__init__(path)
        self._bom = bom
        self._out: list[str | _Block] = []
        self._para: _Block | None = None
        self._scan(split_lines(text))
        self._close()

    # -- block level -------------------------------------------------------------

    def _close(self) -> None:
        if self._para is not None:
            self._add_inline(self._para, "\n".join(self._para.contents))
            self._para = None

    def _single(self, number: int, prefix: str, ending: str, pieces: list[str]) -> None:
        """A one-line block (heading, table row): ``pieces`` alternate markup and text."""
        self._close()
        block = _Block([prefix], [ending], [], number)
        for position, piece in enumerate(pieces):
            if position % 2:
                self._add_inline(block, piece)
            else:
                block.pieces.append(piece)
        self._out.append(block)

    def _scan(self, lines: list[tuple[str, str]]) -> None:
        index = self._front_matter(lines)
        fence = ""
        html_end: re.Pattern[str] | None = None
        in_html = in_table = False
        list_indent = 0
        while index < len(lines):
            content, ending = lines[index]
            index += 1
            raw = content + ending
            prefix, rest = _split_quote(content)
            body = rest.lstrip(" \t")
            lead = prefix + rest[: len(rest) - len(body)]
            indent = len(rest[: len(rest) - len(body)].expandtabs(4))
            if fence or in_html:
                if fence:
                    fence = "" if re.match(rf"{fence[0]}{{{len(fence)},}}[ \t]*$", body) else fence
                else:
                    in_html = bool(body) if html_end is None else not html_end.search(content)
                self._out.append(raw)
                continue
            if not body:
                in_table = False
                self._close()
                self._out.append(raw)
                continue
            if list_indent and indent < list_indent and self._para is None:
                list_indent = 0 if not _LIST.match(body) else list_indent
            if self._para is None and indent >= list_indent + 4:
                self._out.append(raw)  # indented code block
                continue
            if in_table and "|" in body:
                self._single(index, lead, ending, _table_cells(body))
                continue
            in_table = False
            html = next(((m, e) for s, e in _HTML_BLOCKS if (m := s.match(body))), None)
            if (fence_match := _FENCE.match(body)) is not None:
                fence = fence_match.group(1)
            elif html is not None or (self._para is None and _HTML_LONE_TAG.match(body)):
                html_end = html[1] if html else None
                after = html[0].end() if html else 0
                in_html = html_end is None or not html_end.search(body, after)
            elif (
                (self._para is not None and _SETEXT.match(body))
                or _BREAK.match(body)
                or (self._para is None and _REF_DEF.match(body))
            ):
                pass
            elif heading := _ATX.match(body):
                text = body[heading.end() :]
                closing = _ATX_CLOSE.search(text)
                tail = closing.group() if closing else ""
                pieces = ["", text[: len(text) - len(tail)], tail]
                self._single(index, lead + heading.group(), ending, pieces)
                continue
            elif "|" in body and index < len(lines) and _is_delimiter_row(lines[index][0]):
                self._single(index, lead, ending, _table_cells(body))
                self._out.append(lines[index][0] + lines[index][1])
                index, in_table = index + 1, True
                continue
            else:
                if item := _LIST.match(body):
                    self._close()
                    list_indent = indent + len(item.group())
                    lead, body = lead + item.group(), body[item.end() :]
                    if not body.strip():
                        self._out.append(raw)
                        continue
                if self._para is None:
                    self._para = _Block([], [], [], index)
                    self._out.append(self._para)
                self._para.prefixes.append(lead)
                self._para.endings.append(ending)
                self._para.contents.append(body)
                continue
            self._close()
            self._out.append(raw)

    def _front_matter(self, lines: list[tuple[str, str]]) -> int:
        if not lines or lines[0][0].rstrip() not in ("---", "+++"):
            return 0
        closers = ("---", "...") if lines[0][0].rstrip() == "---" else ("+++",)
        for index in range(1, len(lines)):
            if lines[index][0].rstrip() in closers:
                self._out.extend(c + e for c, e in lines[: index + 1])
                return index + 1
        return 0

    # -- inline level ------------------------------------------------------------

    def _add_inline(self, block: _Block, text: str) -> None:
        offset = 0
        for markup, piece in inline_tokens(text):
            lead, core, trail = split_padding(piece)
            unit = collapse(core)
            if markup or not has_words(unit):
                block.pieces.append(piece)
            else:
                line = block.first_line + text.count("\n", 0, offset + len(lead))
                index = self.add_unit(unit, f"line {line}")
                block.pieces.append(_Run(index, unit, lead, core, trail))
            offset += len(piece)

    def _render(self, translations: list[str]) -> bytes:
        out: list[str] = []
        for item in self._out:
            if isinstance(item, str):
                out.append(item)
                continue
            text = "".join(_render_piece(piece, translations) for piece in item.pieces)
            rows = text.split("\n")
            for row, line in enumerate(rows):
                ending = item.endings[-1] if row == len(rows) - 1 else item.endings[row]
                out.append(item.prefixes[row] + line + ending)
        return encode_text("".join(out), self._bom)


def _render_piece(piece: str | _Run, translations: list[str]) -> str:
    if isinstance(piece, str):
        return piece
    text, core = translations[piece.index], piece.core
    if text != piece.unit:
        core = "\n".join(wrap_balanced(text, core.count("\n") + 1))
    return piece.lead + core + piece.trail


def _is_delimiter_row(line: str) -> bool:
    rest = _split_quote(line)[1].strip()
    return "|" in rest and "-" in rest and _DELIMITER_ROW.match(rest) is not None


def _table_cells(row: str) -> list[str]:
    """``row`` split at its unescaped pipes outside code spans: [pipe, cell, pipe, ...]."""
    masked = re.sub(r"\\.", "xx", row)
    masked = re.sub(r"(`+).*?(?<!`)\1(?!`)", lambda m: "x" * len(m.group()), masked)
    pieces, start = [], 0
    for bar in re.finditer(r"\|", masked):
        pieces.extend([row[start : bar.start()], "|"])
        start = bar.end()
    pieces.append(row[start:])
    return ["", *pieces]  # so that markup comes at even positions, as _single expects


def parse(data: bytes, path: Path, options: Mapping[str, object]) -> MarkdownDocument:
    text, bom = decode_text(data, path, errors_option(options))
    return MarkdownDocument(path, text, bom)
