"""Spans that must come through translation unchanged: URLs, e-mail addresses,
@handles and #hashtags.

The pipeline keeps them verbatim in the source (real models usually copy Latin-script
spans) and checks the output; where the model dropped, altered or repeated a span it
translates the text around the spans separately and puts each span back itself, so a
protected span always appears exactly once, byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Trailing punctuation is sentence punctuation, not part of the URL: "انظر example.com."
_TRAILING = ".,;:!?،؛؟…'\"»”’)]}>"

_URL = r"(?:(?:https?|ftp)://|www\.)[^\s<>\"«»“”]+"
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
# Handles and hashtags may follow an attached Arabic conjunction ("و#غزة"), but not a
# Latin word character: "a@b" is e-mail-like and "&#39;" an HTML entity.
_HANDLE = r"(?<![A-Za-z0-9_@.])@[A-Za-z0-9_]{1,30}"
_HASHTAG = r"(?<![A-Za-z0-9_#&])#(?:[^\W\d_]|\d+[^\W\d])\w*"

_SPAN_RE = re.compile(
    f"(?P<url>{_URL})|(?P<email>{_EMAIL})|(?P<handle>{_HANDLE})|(?P<tag>{_HASHTAG})"
)


@dataclass(frozen=True)
class ProtectedSpan:
    start: int
    end: int
    kind: str
    text: str


def find_protected(text: str) -> list[ProtectedSpan]:
    """Protected spans of ``text``, in order, never overlapping."""
    spans: list[ProtectedSpan] = []
    for match in _SPAN_RE.finditer(text):
        kind = match.lastgroup or "url"
        start, end = match.span()
        if kind == "url":
            while end > start and text[end - 1] in _TRAILING:
                # Keep a closing bracket that the URL itself opened (wiki-style links).
                if text[end - 1] == ")" and text.count("(", start, end) >= text.count(
                    ")", start, end
                ):
                    break
                end -= 1
        if end > start:
            spans.append(ProtectedSpan(start, end, kind, text[start:end]))
    return spans


def split_around(text: str, spans: Sequence[ProtectedSpan]) -> list[tuple[str, bool]]:
    """``text`` as (piece, is_protected) parts; unprotected parts may be empty."""
    parts: list[tuple[str, bool]] = []
    cursor = 0
    for span in spans:
        parts.append((text[cursor : span.start], False))
        parts.append((span.text, True))
        cursor = span.end
    parts.append((text[cursor:], False))
    return parts


def spans_kept(output: str, spans: Sequence[ProtectedSpan]) -> bool:
    """True when every protected span occurs in ``output`` exactly as often as in the source."""
    wanted: dict[str, int] = {}
    for span in spans:
        wanted[span.text] = wanted.get(span.text, 0) + 1
    return all(_count_standalone(output, text) == count for text, count in wanted.items())


def _count_standalone(haystack: str, needle: str) -> int:
    # "#news" inside "#newsroom" is not the span.
    pattern = re.compile(r"(?<![\w@#])" + re.escape(needle) + r"(?![\w])")
    return len(pattern.findall(haystack))
