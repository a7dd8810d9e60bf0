"""Plain text (``.txt``): every non-blank line is one unit, exactly as in the pipe.

Empty and whitespace-only lines are not units and come back byte for byte; so do the
indentation and trailing spaces around a line's text, the line endings (LF, CRLF or
CR, even mixed), a UTF-8 byte-order mark and the presence or absence of a final
newline. A line may hold several sentences; the engine splits them.

Format option ``errors``: ``"strict"`` (default) refuses a file that is not valid
UTF-8, naming the line; ``"replace"`` translates it anyway with U+FFFD in place of
the bad bytes, like the pipe's ``--errors replace``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from translate.files.formats.base import (
    Document,
    decode_text,
    encode_text,
    errors_option,
    join_lines,
    split_lines,
    split_padding,
)

OPTIONS = frozenset({"errors"})


class TextDocument(Document):
    """A text file as lines; units are the stripped non-blank lines."""

    format_name = "txt"

    def __init__(self, path: Path, text: str, bom: bool) -> None:
        super().__init__(path)
        self._bom = bom
        self._lines = split_lines(text)
        # (line index, leading whitespace, trailing whitespace) for each unit, in order.
        self._slots: list[tuple[int, str, str]] = []
        for index, (content, _ending) in enumerate(self._lines):
            lead, core, trail = split_padding(content)
            if core:
                self.add_unit(core, f"line {index + 1}")
                self._slots.append((index, lead, trail))

    def _render(self, translations: list[str]) -> bytes:
        lines = list(self._lines)
        for (index, lead, trail), translation in zip(self._slots, translations, strict=True):
            lines[index] = (lead + translation + trail, lines[index][1])
        return encode_text(join_lines(lines), self._bom)


def parse(data: bytes, path: Path, options: Mapping[str, object]) -> TextDocument:
    text, bom = decode_text(data, path, errors_option(options))
    return TextDocument(path, text, bom)
