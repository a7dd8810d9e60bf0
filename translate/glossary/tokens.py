"""Folding and tokenising, shared by glossary forms and the text they are matched in.

Forms and text go through exactly the same two steps, so whatever one side writes
(hamza forms, alef maqsura, final ta marbuta, diacritics, tatweel, extra spaces, case of
Latin letters) the other side can write differently and still match:

1. :func:`translate.text.normalize.fold_for_matching`;
2. a split into tokens: runs of word characters, and single punctuation characters.
   Whitespace separates tokens and is otherwise ignored, which is what makes multi-word
   terms match across any run of spaces, tabs or line breaks.

Folding is a per-character Python loop; most glossary forms and much news text contain
nothing it has to look at twice, so :func:`fold_text` first tries a whole-string path
(``str.translate``) that gives the same result for such strings. A test checks the two
paths agree.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterable, Iterator

from translate.text.normalize import ARABIC_LETTER_CLASS, FOLDED_LETTERS, fold_for_matching

# The letters fold_for_matching maps to another letter: its own table, as pairs.
_FOLDED_LETTERS = tuple(FOLDED_LETTERS.items())
# Strings made only of these characters fold without dropping or expanding anything
# (no diacritics, tatweel, controls or presentation forms; no letter whose case folding
# is longer than one character), so the fold is a translate plus the ta-marbuta rule.
_FAST_SAFE_RE = re.compile(
    "[\u0020-\u007e\u00a0\u00ab\u00bb\u060c\u061b\u061f\u0621-\u063f\u0641-\u064a"
    "\u0660-\u066d\u0671-\u06d3\u06f0-\u06f9\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*"
)
# The same, for many forms joined by newlines (see prime_form_tokens).
_FAST_SAFE_LINES_RE = re.compile(_FAST_SAFE_RE.pattern.replace("\u0020", "\n\u0020"))
_FINAL_TA_MARBUTA_RE = re.compile(f"\u0629(?![{ARABIC_LETTER_CLASS}])")

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTER_CLASS}]")


def replace_all(text: str, pairs: Iterable[tuple[str, str]]) -> str:
    """Apply several single replacements; on long strings a chain of ``str.replace``
    is many times faster than ``str.translate`` with a mapping."""
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def _fast_fold(text: str) -> str:
    return replace_all(_FINAL_TA_MARBUTA_RE.sub("\u0647", text), _FOLDED_LETTERS).lower()


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small containers.

    Loading a big glossary allocates hundreds of thousands of dicts and tuples, none of
    them in reference cycles; each automatic collection would walk all of them again,
    which costs about a third of the load time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fold_text(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text`` for matching; offsets are ``None`` when they are the identity."""
    if _FAST_SAFE_RE.fullmatch(text):
        return _fast_fold(text), None
    folded, offsets = fold_for_matching(text)
    return folded, offsets


def tokenize(folded: str) -> list[tuple[int, int, str]]:
    """Split folded text into ``(start, end, token)`` triples."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(folded)]


_FORM_TOKENS: dict[str, tuple[str, ...]] = {}
_CACHE_LIMIT = 1_000_000


def form_tokens(form: str) -> tuple[str, ...]:
    """The token sequence a glossary form matches."""
    tokens = _FORM_TOKENS.get(form)
    if tokens is None:
        tokens = tuple(TOKEN_RE.findall(fold_text(form)[0]))
        if len(_FORM_TOKENS) >= _CACHE_LIMIT:
            _FORM_TOKENS.clear()
        _FORM_TOKENS[form] = tokens
    return tokens


def prime_form_tokens(forms: Iterable[str]) -> None:
    """Compute :func:`form_tokens` for many forms at once.

    Loading a big glossary folds every form; doing it on all forms joined by newlines
    (which no form contains and which fold like the end of a string) replaces a hundred
    thousand small calls by a few whole-string operations.
    """
    todo = [form for form in forms if form not in _FORM_TOKENS]
    if not todo:
        return
    joined = "\n".join(todo)
    if joined.count("\n") != len(todo) - 1 or not _FAST_SAFE_LINES_RE.fullmatch(joined):
        for form in todo:
            form_tokens(form)
        return
    folded = _fast_fold(joined)
    if len(_FORM_TOKENS) + len(todo) > _CACHE_LIMIT:
        _FORM_TOKENS.clear()
    findall = TOKEN_RE.findall
    for form, piece in zip(todo, folded.split("\n"), strict=True):
        _FORM_TOKENS[form] = tuple(findall(piece))


def clear_caches() -> None:
    """Forget cached tokenisations (for benchmarks that time a cold start)."""
    _FORM_TOKENS.clear()


def has_arabic_letter(text: str) -> bool:
    return not text.isascii() and _ARABIC_LETTER_RE.search(text) is not None
