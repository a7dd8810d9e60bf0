"""Subtitles (``.srt`` and ``.vtt``): only cue text is translated.

Cue numbers and identifiers, timing lines with their cue settings, the ``WEBVTT``
header and ``NOTE``/``STYLE``/``REGION`` blocks, blank lines and line endings are
written back byte for byte.

Units
    A cue's text lines are joined with spaces into one unit, because a sentence often
    runs over two lines; the translation is re-wrapped into the original number of
    lines, balanced by length (fewer when it has fewer words than that). Text the
    translation leaves unchanged keeps its original line breaks. Exception: when every
    line of a multi-line cue starts with a dialogue dash ("- Hi" / "- Hello"), each line
    is its own unit, so two speakers are never merged. Cues without letters or digits
    (e.g. "♪") are left alone.

Styling tags (``<i>``, ``<b>``, ``<u>``, ``<font …>``, WebVTT ``<c.x>``/``<v Name>``/
timestamps, ASS overrides such as ``{\\an8}``)
    Tags that wrap the text (at its start or end, on each line or around the whole
    cue) are kept around the translation, so an italic cue stays italic. A tag pair
    that covers only part of the text is dropped, because after translation there is
    no reliable place to put it (word order changes); ``{\\…}`` overrides inside the
    text are moved to the start, since they position or style the whole cue.

WebVTT cue text is HTML-escaped (``&amp;``, ``&lt;``): units are unescaped and
translations escaped again. SRT text is taken literally.

Problems: a line that contains ``-->`` but is not a valid timing raises InputError
with its line number (timings must never be guessed); text outside any cue is left
unchanged and reported in ``problems``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path

from translate.files.formats.base import (
    Document,
    collapse,
    decode_text,
    encode_text,
    errors_option,
    has_words,
    input_error,
    join_lines,
    split_lines,
    split_padding,
    wrap_balanced,
)

OPTIONS = frozenset({"errors"})

_SRT_TIME = r"\d{1,3}:\d{1,2}:\d{1,2}[,.]\d{1,3}"
_SRT_TIMING = re.compile(rf"^\s*{_SRT_TIME}\s*-->\s*{_SRT_TIME}(?:\s.*)?$")
_VTT_TIME = r"(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}"
_VTT_TIMING = re.compile(rf"^\s*{_VTT_TIME}[ \t]+-->[ \t]+{_VTT_TIME}(?:[ \t].*)?$")
_CUE_NUMBER = re.compile(r"^\s*\d+\s*$")
_VTT_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
_TAG = re.compile(r"(<(?:/?[A-Za-z][^<>]*|\d[\d:.]*)>|\{\\[^{}]*\})")
_TAG_NAME = re.compile(r"^</?([A-Za-z]+)")
_DASH = re.compile(r"^([-‐–—]\s*)(.*)$", re.DOTALL)


def _blank(line: str) -> bool:
    return not line.strip()


def _tag_name(tag: str) -> str:
    match = _TAG_NAME.match(tag)
    return match.group(1).lower() if match else ""


def peel_tags(text: str) -> tuple[str, str, str]:
    """(kept opening tags, text without tags, kept closing tags) of styled cue text."""
    tokens = [tok for tok in _TAG.split(text) if tok]
    is_tag = [bool(_TAG.fullmatch(tok)) for tok in tokens]
    content = [i for i, tok in enumerate(tokens) if not is_tag[i] and has_words(tok)]
    if not content:
        return "", "".join(t for t, tag in zip(tokens, is_tag, strict=True) if not tag), ""
    first, last = content[0], content[-1]
    middle_names = {_tag_name(tokens[i]) for i in range(first, last + 1) if is_tag[i]}
    prefix: list[str] = []
    suffix: list[str] = []
    core: list[str] = []
    for i, token in enumerate(tokens):
        if not is_tag[i]:
            core.append(token)
        elif token.startswith("{"):
            (suffix if i > last else prefix).append(token)
        elif (i < first or i > last) and _tag_name(token) not in middle_names:
            (prefix if i < first else suffix).append(token)
    return "".join(prefix), "".join(core), "".join(suffix)


class _Cue:
    """The text lines of one cue and how their units map back onto lines."""

    def __init__(self, doc: SubtitleDocument, start: int, lines: list[str]) -> None:
        self.start, self.lines, self.escaped = start, lines, doc.escaped
        # (unit index, unit text, line offset or -1 for the whole cue, text before, after)
        self.slots: list[tuple[int, str, int, str, str]] = []
        self.per_line = False
        peeled = [peel_tags(line) for line in lines]
        dashes = [m for m in (_DASH.match(core.strip()) for _, core, _ in peeled) if m]
        if len(lines) > 1 and len(dashes) == len(lines):
            pairs = zip(peeled, dashes, strict=True)
            for offset, ((prefix, core, suffix), dash) in enumerate(pairs):
                lead, _, trail = split_padding(core)
                unit = self._unit(dash.group(2))
                if has_words(unit):
                    index = doc.add_unit(unit, f"line {start + offset + 1}")
                    before, after = prefix + lead + dash.group(1), trail + suffix
                    self.slots.append((index, unit, offset, before, after))
            return
        self.per_line = len(lines) > 1 and len({(p, s) for p, _, s in peeled}) == 1
        if self.per_line:
            prefix, suffix = peeled[0][0], peeled[0][2]
            core = " ".join(c for _, c, _ in peeled)
        else:
            prefix, core, suffix = peel_tags("\n".join(lines))
        unit = self._unit(core)
        if has_words(unit):
            index = doc.add_unit(unit, f"line {start + 1}")
            self.slots.append((index, unit, -1, prefix, suffix))

    def _unit(self, text: str) -> str:
        return collapse(html.unescape(text) if self.escaped else text)

    def _out(self, text: str) -> str:
        return html.escape(text, quote=False) if self.escaped else text

    def render(self, translations: list[str]) -> list[str]:
        out = list(self.lines)
        for index, unit, offset, before, after in self.slots:
            translation = translations[index]
            if translation == unit:
                continue  # unchanged text keeps its original bytes and line breaks
            if offset >= 0:
                out[offset] = before + self._out(translation) + after
                continue
            wrapped = [self._out(w) for w in wrap_balanced(translation, len(self.lines))]
            if self.per_line:
                return [before + line + after for line in wrapped]
            return (before + "\n".join(wrapped) + after).split("\n")
        return out


class SubtitleDocument(Document):
    """An SRT or WebVTT file; see the module docstring for what is translated."""

    def __init__(self, path: Path, text: str, bom: bool, vtt: bool) -> None:
        super().__init__(path)
        self.format_name = "vtt" if vtt else "srt"
        self.escaped = vtt
        self._bom = bom
        self._lines = split_lines(text)
        self._cues: list[_Cue] = []
        contents = [content for content, _ in self._lines]
        if vtt:
            self._parse_vtt(contents)
        else:
            self._parse_srt(contents)
        if not self._cues and any(not _blank(line) for line in contents):
            raise input_error(path, "line 1", "no subtitle cues found (no timing lines)")

    def _check_timing(self, contents: list[str], index: int) -> bool:
        pattern = _VTT_TIMING if self.escaped else _SRT_TIMING
        if pattern.match(contents[index]):
            return True
        if "-->" in contents[index]:
            example = "00:01:02.500 --> 00:01:04.000"
            if not self.escaped:
                example = example.replace(".", ",")
            raise input_error(
                self.path, f"line {index + 1}", f"malformed cue timing (expected e.g. '{example}')"
            )
        return False

    def _srt_cue_starts(self, contents: list[str], index: int) -> bool:
        return (
            _CUE_NUMBER.match(contents[index]) is not None
            and index + 1 < len(contents)
            and self._check_timing(contents, index + 1)
        )

    def _parse_srt(self, contents: list[str]) -> None:
        index, count = 0, len(contents)
        while index < count:
            if _blank(contents[index]):
                index += 1
                continue
            if self._srt_cue_starts(contents, index):
                index += 1
            if not self._check_timing(contents, index):
                self._orphan(contents, index)
                index = self._block_end(contents, index)
                continue
            end = index + 1
            while (
                end < count
                and not _blank(contents[end])
                and not self._check_timing(contents, end)
                and not self._srt_cue_starts(contents, end)
            ):
                end += 1
            self._cues.append(_Cue(self, index + 1, contents[index + 1 : end]))
            index = end

    def _parse_vtt(self, contents: list[str]) -> None:
        if not contents or not re.match(r"^WEBVTT(?:[ \t]|$)", contents[0]):
            raise input_error(self.path, "line 1", "a WebVTT file must start with 'WEBVTT'")
        index = self._block_end(contents, 0)
        while index < len(contents):
            if _blank(contents[index]):
                index += 1
                continue
            end = self._block_end(contents, index)
            if _VTT_BLOCK.match(contents[index]):
                index = end
                continue
            timing = index if "-->" in contents[index] else index + 1
            if timing < end and self._check_timing(contents, timing):
                self._cues.append(_Cue(self, timing + 1, contents[timing + 1 : end]))
            else:
                self._orphan(contents, index)
            index = end

    @staticmethod
    def _block_end(contents: list[str], index: int) -> int:
        while index < len(contents) and not _blank(contents[index]):
            index += 1
        return index

    def _orphan(self, contents: list[str], index: int) -> None:
        if has_words(contents[index]):
            self.add_problem(f"line {index + 1}", "text outside any cue left unchanged")

    def _render(self, translations: list[str]) -> bytes:
        out: list[tuple[str, str]] = []
        position = 0
        for cue in self._cues:
            out.extend(self._lines[position : cue.start])
            count = len(cue.lines)
            endings = [ending for _, ending in self._lines[cue.start : cue.start + count]]
            new = cue.render(translations)
            for offset, line in enumerate(new):
                ending = endings[-1] if offset == len(new) - 1 else endings[offset]
                out.append((line, ending))
            position = cue.start + count
        out.extend(self._lines[position:])
        return encode_text(join_lines(out), self._bom)


def parse_srt(data: bytes, path: Path, options: Mapping[str, object]) -> SubtitleDocument:
    text, bom = decode_text(data, path, errors_option(options))
    return SubtitleDocument(path, text, bom, vtt=False)


def parse_vtt(data: bytes, path: Path, options: Mapping[str, object]) -> SubtitleDocument:
    text, bom = decode_text(data, path, errors_option(options))
    return SubtitleDocument(path, text, bom, vtt=True)
