"""What every file format shares: the Document contract, decoding, lines and re-wrapping.

A format turns a file into an ordered list of *units*. A unit is what the engine treats
as one input line of the pipe: a single line of text, without leading or trailing
whitespace and never blank (the engine splits it into sentences itself). Whatever is
not a unit (markup, timings, indentation, line endings, blank lines) is kept by the
format and written back unchanged by :meth:`Document.render`.

Two rules hold for every format:

* A translation never contains a line break: any it brings is replaced by a space,
  so one unit can never change the line structure of a file.
* ``locations[i]`` says where unit ``i`` comes from ("line 12", "paragraph 3"), for
  reports and error messages; ``problems`` lists what was left untranslated and why.
"""

from __future__ import annotations

import abc
import codecs
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from translate.errors import ConfigError, InputError
from translate.fileio import decode_utf8_strict

_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_NOT_UTF8 = (
    "{source}: line {line}: not valid UTF-8 (byte 0x{byte:02x} at byte column {column}); "
    "convert the file to UTF-8, or pass --errors replace (errors='replace' in the API) "
    "to translate it anyway"
)


class Document(abc.ABC):
    """A parsed input file: its units in order and how to write it back."""

    format_name = ""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.units: list[str] = []
        self.locations: list[str] = []
        self.problems: list[str] = []

    def add_unit(self, text: str, location: str) -> int:
        """Register one unit; returns its index into ``units``."""
        self.units.append(text)
        self.locations.append(location)
        return len(self.units) - 1

    def add_problem(self, location: str, message: str) -> None:
        self.problems.append(f"{self.path}: {location}: {message}")

    def render(self, translations: Sequence[str]) -> bytes:
        """The output file's bytes with unit ``i`` replaced by ``translations[i]``."""
        if isinstance(translations, str):
            raise TypeError("translations must be a sequence of strings, not one string")
        if len(translations) != len(self.units):
            raise ValueError(
                f"{self.path}: {len(translations)} translations given for {len(self.units)} units"
            )
        return self._render([single_line(t) for t in translations])

    @abc.abstractmethod
    def _render(self, translations: list[str]) -> bytes:
        """Build the output; ``translations`` are already single-line and stripped."""


def single_line(text: str) -> str:
    """``text`` with line breaks turned into spaces and outer whitespace removed."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def input_error(path: Path, location: str, message: str) -> InputError:
    return InputError(f"{path}: {location}: {message}")


def decode_text(data: bytes, path: Path, errors: str = "strict") -> tuple[str, bool]:
    """Decode UTF-8 file content; returns the text and whether it started with a BOM.

    NUL bytes and undecodable bytes are refused with the line they are on, because a
    silently "repaired" file would be translated into something the user did not write.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise input_error(path, "line 1", "the file is UTF-16; save it as UTF-8 first")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise input_error(
            path, f"line {line}", "contains NUL bytes; this looks like a binary file, not text"
        )
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    if errors != "strict":
        return body.decode("utf-8", errors=errors), bom
    return decode_utf8_strict(body, str(path), message=_NOT_UTF8), bom


def encode_text(text: str, bom: bool) -> bytes:
    return (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")


def split_lines(text: str) -> list[tuple[str, str]]:
    """``text`` as (content, ending) pairs; ending is ``\\n``, ``\\r\\n``, ``\\r`` or ``""``.

    Joining ``content + ending`` of every pair gives ``text`` back exactly, so the
    presence of a final newline and the CRLF/LF style survive a round trip.
    """
    lines: list[tuple[str, str]] = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append((text[start : match.start()], match.group()))
        start = match.end()
    if start < len(text):
        lines.append((text[start:], ""))
    return lines


def join_lines(lines: Sequence[tuple[str, str]]) -> str:
    return "".join(content + ending for content, ending in lines)


def split_padding(text: str) -> tuple[str, str, str]:
    """(leading whitespace, core, trailing whitespace) of ``text``."""
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def has_words(text: str) -> bool:
    """Whether ``text`` has anything worth translating (a letter or a digit).

    Markup formats use this so that fragments such as " | " or "»" between tags are
    not sent to the model on their own.
    """
    return any(ch.isalnum() for ch in text)


def collapse(text: str) -> str:
    """All whitespace runs (line breaks included) as single spaces, ends stripped."""
    return " ".join(text.split())


def wrap_balanced(text: str, lines: int) -> list[str]:
    """Split ``text`` at spaces into at most ``lines`` lines of balanced length.

    Minimises the longest line (what readers of subtitles notice); never returns an
    empty line, so a short text gives fewer lines than asked.
    """
    words = text.split()
    count = min(max(lines, 1), len(words))
    if count <= 1:
        return [" ".join(words)] if words else []
    if count * len(words) ** 2 > 200_000:
        return _wrap_greedy(words, count)
    ends = [0]
    for word in words:
        ends.append(ends[-1] + len(word))

    def width(i: int, j: int) -> int:
        return ends[j] - ends[i] + (j - i - 1)

    n = len(words)
    # best[k][j]: smallest possible longest line when words[:j] fill k lines.
    inf = n * max(ends[-1], 1) + 1
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0
    for k in range(1, count + 1):
        for j in range(k, n + 1):
            for i in range(k - 1, j):
                cost = max(best[k - 1][i], width(i, j))
                if cost < best[k][j]:
                    best[k][j], cut[k][j] = cost, i
    result: list[str] = []
    j = n
    for k in range(count, 0, -1):
        i = cut[k][j]
        result.append(" ".join(words[i:j]))
        j = i
    return result[::-1]


def _wrap_greedy(words: list[str], count: int) -> list[str]:
    """Linear-time fallback for long texts (a hard-wrapped Markdown paragraph)."""
    target = (sum(len(w) for w in words) + len(words)) / count
    result: list[str] = []
    current: list[str] = []
    for index, word in enumerate(words):
        lines_left = count - len(result) - 1
        words_left = len(words) - index
        size = sum(len(w) + 1 for w in current)
        if current and lines_left > 0 and (size + len(word) > target or words_left <= lines_left):
            result.append(" ".join(current))
            current = []
        current.append(word)
    result.append(" ".join(current))
    return result


def errors_option(options: Mapping[str, object]) -> str:
    """The ``errors`` format option: how undecodable bytes are handled."""
    value = options.get("errors", "strict")
    if value not in ("strict", "replace"):
        raise ConfigError(f"format option errors={value!r}: use 'strict' or 'replace'")
    return str(value)
