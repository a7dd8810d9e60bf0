"""Arabic-aware sentence splitting, and cutting of over-long sentences.

A line is split after ``. ! ? ؟ …`` (and ``؛`` where it closes a full clause) when
whitespace follows; closing quotes and brackets stay with their sentence. No split
happens inside decimals, abbreviations, initials, numbered-list markers, or protected
spans (URLs, e-mail addresses). Sentences that exceed the model's input budget are cut
at clause boundaries, then at spaces, then (for space-less runs) at characters, so
nothing is ever truncated. Everything here is linear in the length of the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from translate.text.protect import find_protected

_TERMINATORS = ".!?؟…"
_SEMICOLON = "؛"
_CLOSERS = "\"'»”’)]}›"
_OPENERS = "\"'«“‘([{‹"

# Latin abbreviations that end in a full stop but rarely end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt no nos vs etc e.g i.e eg ie al approx dept est fig
    gen gov lt col capt sgt rev hon inc ltd co corp jan feb mar apr jun jul aug sep sept
    oct nov dec u.s u.k u.n p.m a.m ph.d""".split()
)
# Arabic abbreviations written with a full stop: د. (doctor), أ. (professor), م. (AD /
# engineer), هـ. (Hijri), ق.م (BC), ص. (page), ج. (part).
_ARABIC_ABBREVIATIONS = frozenset("د أ م ه هـ ق.م ص ج ت ش ع".split())

_WORD_BEFORE_RE = re.compile(r"(\S+)$")
_DIGITS_RE = re.compile(r"^[0-9٠-٩۰-۹]{1,3}$")
_CLAUSE_RE = re.compile(r"(?<=[،,؛;:])\s+")
_CONJUNCTION_RE = re.compile(
    r"\s+(?=(?:و|ثم|لكن|ولكن|بينما|حيث|إذ|كما|أو|بل|لأن|and|but|while|which|because)\s)"
)
_SPACE_RE = re.compile(r"\s+")


def split_sentences(line: str) -> list[str]:
    """The sentences of one line, stripped; an empty or blank line gives no sentence."""
    protected = [(s.start, s.end) for s in find_protected(line)]
    sentences: list[str] = []
    start = 0
    n = len(line)
    span_index = 0
    i = 0
    while i < n:
        while span_index < len(protected) and protected[span_index][1] <= i:
            span_index += 1
        if span_index < len(protected) and protected[span_index][0] <= i:
            i = protected[span_index][1]
            continue
        char = line[i]
        if char in _TERMINATORS or char == _SEMICOLON:
            end = i + 1
            while end < n and line[end] in _TERMINATORS:
                end += 1
            while end < n and line[end] in _CLOSERS:
                end += 1
            if (end >= n or line[end].isspace()) and _ends_sentence(line, start, i, end):
                piece = line[start:end].strip()
                if piece:
                    sentences.append(piece)
                start = end
            i = end
            continue
        i += 1
    tail = line[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _ends_sentence(line: str, start: int, mark: int, end: int) -> bool:
    char = line[mark]
    before = line[start:mark]
    word_match = _WORD_BEFORE_RE.search(before)
    word = word_match.group(1) if word_match else ""
    bare = word.lstrip(_OPENERS)
    if char == _SEMICOLON:
        # An Arabic semicolon often joins a cause to its effect; only a full clause on
        # each side makes it a sentence end.
        rest = line[end:].split(None, 3)
        return len(before.split()) >= 3 and len(rest) >= 3
    if char != ".":
        return True
    if end > mark + 1 and line[mark + 1] == ".":
        return True  # "..." behaves like an ellipsis
    if not bare:
        return True
    lowered = bare.lower()
    if lowered in _ABBREVIATIONS or bare in _ARABIC_ABBREVIATIONS:
        return False
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial: "J. Smith", "أ. محمد"
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", bare):
        return False  # "U.S" of "U.S."
    if _DIGITS_RE.match(bare) and not line[start : mark - len(word)].strip():
        return False  # a numbered-list marker at the start of the sentence: "1. ..."
    following = line[end:].lstrip()
    if following[:1].isalpha() and following[:1].isascii() and following[:1].islower():
        return False  # Latin text continuing in lower case is no new sentence
    return True


def cut_long_sentence(
    sentence: str, max_tokens: int, count_tokens: Callable[[str], int]
) -> list[str]:
    """Cut ``sentence`` into pieces of at most ``max_tokens`` tokens where possible.

    Cuts prefer clause punctuation, then conjunctions, then spaces; a run without spaces
    is cut by characters. Pieces are packed greedily, so each part is measured a bounded
    number of times and the cost stays linear.
    """
    if count_tokens(sentence) <= max_tokens:
        return [sentence]
    return list(_pack(sentence, max_tokens, count_tokens, level=0))


_SPLITTERS: tuple[Callable[[str], list[str]], ...] = (
    lambda text: _CLAUSE_RE.split(text),
    lambda text: _CONJUNCTION_RE.split(text),
    lambda text: _SPACE_RE.split(text),
)


def _pack(
    text: str, max_tokens: int, count_tokens: Callable[[str], int], level: int
) -> Iterator[str]:
    if level >= len(_SPLITTERS):
        yield from _cut_characters(text, max_tokens, count_tokens)
        return
    parts = [p for p in _SPLITTERS[level](text) if p.strip()]
    current: list[str] = []
    current_tokens = 0
    for part in parts:
        tokens = count_tokens(part)
        if tokens > max_tokens:
            if current:
                yield " ".join(current)
                current, current_tokens = [], 0
            yield from _pack(part, max_tokens, count_tokens, level + 1)
            continue
        if current and current_tokens + tokens > max_tokens:
            yield " ".join(current)
            current, current_tokens = [], 0
        current.append(part.strip())
        current_tokens += tokens
    if current:
        yield " ".join(current)


def _cut_characters(
    text: str, max_tokens: int, count_tokens: Callable[[str], int]
) -> Iterator[str]:
    # A token covers at least one character, so max_tokens characters always fit; try a
    # larger window first to keep pieces reasonably long.
    window = max(1, max_tokens * 4)
    start = 0
    while start < len(text):
        size = min(window, len(text) - start)
        while size > max_tokens and count_tokens(text[start : start + size]) > max_tokens:
            size = max(max_tokens, size // 2)
        yield text[start : start + size]
        start += size


def count_words(text: str) -> int:
    """A tokenizer-free length, for splitting without a model loaded."""
    return len(text.split()) or (1 if text else 0)
