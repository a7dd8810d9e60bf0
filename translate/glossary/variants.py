"""Automatic spelling variants of foreign names written in Arabic.

Arabic has no letters for g, v, p or ch, and writers disagree about long vowels, so one
name reaches the press in several spellings: شويغو / شويجو, بطرسبرغ / بطرسبورغ,
كازاخستان / كزاخستان. The rules, all applied within one word:

* letter classes: g = غ ج ق گ, v = ف ڤ, p = ب پ, ch = ش تش چ -- any member may stand for
  any other;
* long vowels ا و ي inside the word may be present or absent: each run of long vowels
  between two consonants may lose letters or gain letters (never change one vowel into
  another), at most one letter in words under 8 letters and two in longer words;
* the first and last letter are never added or removed (only swapped within a class),
  and final ي/ى are the same (normalisation already folds ى to ي);
* words of at most :data:`SHORT_WORD_LETTERS` letters keep their long vowels and their
  first letter, unless it becomes one of the :data:`FOREIGN_LETTERS`.

Only words of at least :data:`MIN_LETTERS` letters get variants: in shorter words one
changed letter too easily makes another real word (كييف "Kyiv" would become كيف "how").

The matcher never lists variants: it compares a text word with a glossary word through
:func:`variant_key` (the same for every spelling of a word) and :func:`is_variant`. That
keeps loading a 50,000-entry glossary fast. :func:`generate_variants` lists the same set
explicitly, for people writing glossaries and for tests.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from translate.glossary.tokens import fold_text, replace_all

LETTER_CLASSES: dict[str, tuple[str, ...]] = {
    "G": ("غ", "ج", "ق", "گ"),
    "V": ("ف", "ڤ"),
    "P": ("ب", "پ"),
    "C": ("ش", "تش", "چ"),
}
LONG_VOWELS = "اوي"
MIN_LETTERS = 5
# Words this short keep their first letter and their long vowels in every variant: with
# one letter fewer or another first letter they are too often another word (لابيد
# Lapid / لابد "must", بايدن Biden / بادن Baden, قازان Kazan / جازان Jazan, غانتس
# Gantz / جاينتس Giants); only the inner g/v/p/ch letters may still change.
SHORT_WORD_LETTERS = 5
# Letters Arabic uses almost only for foreign names (Persian g, p, v, ch): a short word
# that starts with one is a name, so it may stand for its class's Arabic letter
# (گروسي for غروسي).
FOREIGN_LETTERS = frozenset("گپڤچ")

_CLASS_OF = {member: name for name, members in LETTER_CLASSES.items() for member in members}
_TWO_LETTER_MEMBER = "تش"
_ARABIC_LETTERS = frozenset(
    [chr(c) for c in range(0x0621, 0x064B) if c != 0x0640] + [chr(c) for c in range(0x0671, 0x06D4)]
)

Analysis = tuple[str, tuple[str, ...]]


def _units(word: str) -> list[str]:
    units: list[str] = []
    i = 0
    while i < len(word):
        if word.startswith(_TWO_LETTER_MEMBER, i):
            units.append(_TWO_LETTER_MEMBER)
            i += 2
        else:
            units.append(word[i])
            i += 1
    return units


@lru_cache(maxsize=200_000)
def analyse(token: str) -> Analysis | None:
    """``(key, gaps)`` of a folded Arabic word, or ``None`` for other tokens.

    ``key`` is the word with its first letter, last letter and consonants kept, class
    letters replaced by their class name and inner long vowels removed; ``gaps`` are the
    removed vowel runs, one per pair of adjacent kept letters.
    """
    if len(token) < 2 or not _ARABIC_LETTERS.issuperset(token):
        return None
    units = _units(token)
    if len(units) < 2:
        return None
    key = [_CLASS_OF.get(units[0], units[0])]
    gaps: list[str] = []
    gap = ""
    for unit in units[1:-1]:
        if unit in LONG_VOWELS:
            gap += unit
        else:
            key.append(_CLASS_OF.get(unit, unit))
            gaps.append(gap)
            gap = ""
    key.append(_CLASS_OF.get(units[-1], units[-1]))
    gaps.append(gap)
    return "".join(key), tuple(gaps)


def eligible(form_token: str) -> bool:
    """Whether a (folded) glossary word gets automatic variants."""
    return len(form_token) >= MIN_LETTERS and variant_key(form_token) is not None


def max_vowel_edits(form_token: str) -> int:
    if len(form_token) <= SHORT_WORD_LETTERS:
        return 0
    return 1 if len(form_token) < 8 else 2


_CLASS_PAIRS = tuple(
    (member, name)
    for name, members in LETTER_CLASSES.items()
    for member in members
    if len(member) == 1
)
_CLASS_TABLE = str.maketrans(dict(_CLASS_PAIRS))
_DROP_VOWELS = str.maketrans("", "", LONG_VOWELS)


_KEYS: dict[str, str | None] = {}
INNER_VOWELS_RE = re.compile("(?<=[^\\n])[اوي]+(?=[^\\n])")


def _is_arabic_word(token: str) -> bool:
    # Folded words hold no tatweel or diacritics, so "alphabetic and inside the Arabic
    # letter range" is "Arabic letters only" -- and much cheaper than a regex.
    return (
        len(token) >= 2
        and token.isalpha()
        and min(token) >= "\u0621"
        and max(token) <= "\u06d3"
        and "\u0640" not in token
    )


def variant_key(token: str) -> str | None:
    """The key shared by every spelling variant of ``token`` (a folded word).

    Equal to ``analyse(token)[0]``, computed with whole-string operations because it is
    needed for every word of every form when a glossary loads.
    """
    key = _KEYS.get(token, "")
    if key != "":
        return key
    if not _is_arabic_word(token):
        key = None
    else:
        units = token.replace(_TWO_LETTER_MEMBER, "C").translate(_CLASS_TABLE)
        key = units[0] + units[1:-1].translate(_DROP_VOWELS) + units[-1] if len(units) > 1 else None
    if len(_KEYS) >= 1_000_000:
        _KEYS.clear()
    _KEYS[token] = key
    return key


def prime_variant_keys(tokens: Iterable[str]) -> None:
    """Compute :func:`variant_key` for many tokens with a few whole-string operations."""
    todo = [t for t in dict.fromkeys(tokens) if t not in _KEYS and _is_arabic_word(t)]
    # (dict.fromkeys: a word listed twice would be keyed twice, harmlessly but slowly)
    if not todo:
        return
    joined = replace_all("\n".join(todo).replace(_TWO_LETTER_MEMBER, "C"), _CLASS_PAIRS)
    keys = INNER_VOWELS_RE.sub("", joined).split("\n")
    if len(_KEYS) + len(todo) > 1_000_000:
        _KEYS.clear()
    _KEYS.update((t, k if len(k) > 1 else None) for t, k in zip(todo, keys, strict=True))


def clear_caches() -> None:
    """Forget cached keys and analyses (for benchmarks that time a cold start)."""
    _KEYS.clear()
    analyse.cache_clear()


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(char in it for char in short)


def is_variant(text_token: str, form_token: str) -> bool:
    """Whether folded ``text_token`` is ``form_token`` or one of its automatic variants."""
    if text_token == form_token:
        return True
    if not eligible(form_token):
        return False
    a = analyse(text_token)
    b = analyse(form_token)
    if a is None or b is None or a[0] != b[0]:
        return False
    edits = 0
    for gap_a, gap_b in zip(a[1], b[1], strict=True):
        if gap_a == gap_b:
            continue
        short, long = (gap_a, gap_b) if len(gap_a) < len(gap_b) else (gap_b, gap_a)
        if len(short) == len(long) or not _is_subsequence(short, long):
            return False
        edits += len(long) - len(short)
    if (
        len(form_token) <= SHORT_WORD_LETTERS
        and text_token[0] != form_token[0]
        and text_token[0] not in FOREIGN_LETTERS
    ):
        return False
    return edits <= max_vowel_edits(form_token)


# --- explicit listing ------------------------------------------------------------------


def _gap_options(gap: str, budget: int) -> dict[str, int]:
    """Every vowel run reachable from ``gap`` by only deleting or only inserting letters."""
    options = {gap: 0}
    for k in range(1, min(budget, len(gap)) + 1):
        for kept in itertools.combinations(range(len(gap)), len(gap) - k):
            options.setdefault("".join(gap[i] for i in kept), k)
    frontier = {gap}
    for k in range(1, budget + 1):
        grown: set[str] = set()
        for run in frontier:
            for position in range(len(run) + 1):
                for vowel in LONG_VOWELS:
                    grown.add(run[:position] + vowel + run[position:])
        for run in grown:
            options.setdefault(run, k)
        frontier = grown
    return options


def _word_variants(word: str) -> Iterator[tuple[int, int, str]]:
    """``(changes, added, spelling)`` for every variant of one word, itself included.

    ``added`` counts inserted vowels, so that listings show letter swaps and dropped
    vowels (the common real-world variants) before invented longer spellings.
    """
    folded = fold_text(word)[0]
    if not eligible(folded):
        yield 0, 0, word
        return
    units = _units(folded)
    original_units = _units(word) if len(_units(word)) == len(units) else units
    slots: list[list[str]] = []
    gaps: list[str] = []
    gap = ""
    for index, (unit, original) in enumerate(zip(units, original_units, strict=True)):
        inner = 0 < index < len(units) - 1
        if inner and unit in LONG_VOWELS:
            gap += original
            continue
        if index > 0:
            gaps.append(gap)
            gap = ""
        choices = [original] + [
            m for m in LETTER_CLASSES.get(_CLASS_OF.get(unit, ""), ()) if m != unit
        ]
        if index == 0 and len(folded) <= SHORT_WORD_LETTERS:
            choices = [original] + [c for c in choices[1:] if c in FOREIGN_LETTERS]
        if index == len(units) - 1 and unit == "ي":
            choices = [original] + [c for c in ("ي", "ى") if c != original]
        slots.append(choices)
    budget = max_vowel_edits(folded)
    gap_choices = [
        sorted(_gap_options(g, budget).items(), key=lambda kv: (kv[1], kv[0])) for g in gaps
    ]
    for letters in itertools.product(*slots):
        swaps = sum(
            1 for letter, choices in zip(letters, slots, strict=True) if letter != choices[0]
        )
        for runs in itertools.product(*gap_choices):
            edits = sum(cost for _, cost in runs)
            if edits > budget:
                continue
            added = sum(
                max(len(run) - len(gap), 0) for (run, _), gap in zip(runs, gaps, strict=True)
            )
            spelling = letters[0] + "".join(
                run + letter for (run, _), letter in zip(runs, letters[1:], strict=True)
            )
            yield swaps + edits, added, spelling


def generate_variants(form: str, *, limit: int | None = 256) -> list[str]:
    """List spelling variants of an Arabic ``form`` (the form itself excluded).

    Variants with fewer changes come first, and among those, letter swaps and dropped
    vowels before added vowels; ``limit`` caps the list (``None``: all). Multi-word
    forms vary each word independently.
    """
    words = form.split()
    if not words:
        return []
    cap = None if limit is None else limit + 1  # + 1: each word's list holds itself
    per_word = [sorted(set(_word_variants(word)))[:cap] for word in words]
    combos = sorted(
        (
            sum(changes for changes, _, _ in combo),
            sum(added for _, added, _ in combo),
            " ".join(spelling for _, _, spelling in combo),
        )
        for combo in itertools.product(*per_word)
    )
    original = " ".join(words)
    result: list[str] = []
    seen = {original}
    for _, _, spelling in combos:
        if spelling not in seen:
            seen.add(spelling)
            result.append(spelling)
            if limit is not None and len(result) >= limit:
                break
    return result
