"""Finding renderings in English output, and the word-level view placement edits.

A rendering counts where it stands as whole words ("Shoigu" is not in "Shoiguism").
Longer renderings are counted first and masked, so "Shoigu" inside "Sergei Shoigu"
does not count twice when both are expected.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from translate.text.protect import find_protected

# Words grammar and clitics put around a name; a replaced span never starts or ends with
# one, so "and", "to", "the" that the model rendered from و ل ال stay.
FUNCTION_WORDS = frozenset(
    "and or but so then to for with by of in on at from as the a an will shall his her its "
    "their".split()
)
# Capitalised English words that are not names: calendar words, titles, and the
# adjectives of nations and regions. A name's rendering never replaces them ("on
# Sunday", "Western sanctions", "Russian Foreign Minister" stay), and a run of
# capitalised words ends its title part at the last of them ("Omani Defense Minister |
# Sergei Lavrov"). The translation is always English, so this list is English.
NOT_NAMES = frozenset(
    (
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
        "April May June July August September October November December "
        "Minister Ministry President Prime Deputy Foreign Defense Defence Interior Energy "
        "Secretary General Spokesman Spokeswoman Council Security National Ambassador King "
        "Prince Crown Chancellor Chairman Speaker Vice Envoy Adviser Advisor Commander Chief "
        "Director Governor Senator Mr Mrs Ms Dr Sheikh Emir Mayor Head Leader Supreme "
        "Western Eastern Northern Southern Arab Arabic Islamic European African Asian "
        "American US British English French German Russian Chinese Iranian Iraqi Syrian "
        "Lebanese Jordanian Egyptian Saudi Qatari Omani Emirati Kuwaiti Bahraini Yemeni "
        "Turkish Israeli Palestinian Pakistani Indian Afghan Algerian Moroccan Tunisian "
        "Libyan Sudanese Armenian Azerbaijani Kazakh Uzbek Georgian Ukrainian Belarusian "
        "Italian Spanish Japanese Korean Brazilian Canadian Australian Swiss Austrian Dutch "
        "Belgian Polish Swedish Norwegian Greek Cuban Venezuelan Mexican Indonesian "
        "Malaysian Ethiopian Nigerian Somali Kurdish Persian Gulf"
    ).split()
)
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)
def rendering_pattern(rendering: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(rendering) + r"(?![\w-])")


def rendering_counts(text: str, expected: Iterable[str]) -> Counter[str]:
    """How often each rendering stands in ``text`` as whole words (longest first)."""
    counts: Counter[str] = Counter()
    remaining = text
    for rendering in sorted(set(expected), key=lambda r: (-len(r), r)):
        pattern = rendering_pattern(rendering)
        counts[rendering] = len(pattern.findall(remaining))
        remaining = pattern.sub(" ", remaining)
    return counts


def covers(text: str, expected: Counter[str]) -> bool:
    """Each expected rendering stands in ``text`` at least as often as expected."""
    counts = rendering_counts(text, expected)
    return all(counts[r] >= n for r, n in expected.items())


def bare(word: str) -> str:
    """A word without the punctuation around it ("Shoigu," -> "Shoigu")."""
    return _EDGE_PUNCT.sub("", word)


def is_function_word(word: str) -> bool:
    return bare(word).lower() in FUNCTION_WORDS


_ARTICLE_PREFIX = re.compile(r"^[a-z]{1,3}-[A-Z]")


def is_capitalised(word: str) -> bool:
    """Starts with a capital, or with a transliterated article: "al-Sagh", "el-Sisi"."""
    core = bare(word)
    return bool(core) and (core[0].isupper() or bool(_ARTICLE_PREFIX.match(core)))


def is_name_word(word: str) -> bool:
    """Capitalised and not one of :data:`NOT_NAMES` (nor a function word)."""
    return is_capitalised(word) and bare(word) not in NOT_NAMES and not is_function_word(word)


def frozen_words(words: list[str], renderings: Counter[str]) -> set[int]:
    """Indices of words placement must never replace: words of a rendering already in
    place (``renderings``: how many times the sentence has each), words with digits
    (numbers are facts), and protected spans (URLs, e-mail addresses, handles,
    hashtags). Where the output has a rendering more often than the sentence has its
    term, one copy is the model's substitute for a missing term, so no copy is frozen:
    the candidates are checked to keep every rendering present as often as needed."""
    frozen: set[int] = set()
    starts: list[int] = []
    cursor = 0
    for word in words:
        starts.append(cursor)
        cursor += len(word) + 1
    text = " ".join(words)
    spans: list[tuple[int, int]] = []
    for rendering, count in renderings.items():
        found = [m.span() for m in rendering_pattern(rendering).finditer(text)]
        if len(found) <= count:
            spans += found
    spans += [(p.start, p.end) for p in find_protected(text)]
    for index, word in enumerate(words):
        first, last = starts[index], starts[index] + len(word)
        if _DIGIT.search(word) or any(a < last and first < b for a, b in spans):
            frozen.add(index)
    return frozen


def replace_span(words: list[str], first: int, last: int, rendering: str) -> list[str]:
    """``words`` with ``words[first:last]`` replaced by ``rendering`` (an empty span
    inserts it). Punctuation before the first and after the last replaced word stays,
    so "(Shoigu," becomes "(Patrushev,"."""
    if first == last:
        return [*words[:first], rendering, *words[first:]]
    head = re.match(r"^[^\w]*", words[first])
    tail = re.search(r"[^\w]*$", words[last - 1])
    lead = head.group() if head else ""
    trail = tail.group() if tail else ""
    return [*words[:first], lead + rendering + trail, *words[last:]]


def absorb_rendering_words(
    words: list[str], first: int, last: int, rendering: str
) -> tuple[int, int]:
    """Widen a span over neighbouring words that the rendering itself repeats: placing
    "Ali Akbar Ahmadian" over "Velayati" in "Ali Akbar Velayati" must take "Ali Akbar"
    too, or the output says "Ali Akbar Ali Akbar Ahmadian"."""
    parts = rendering.split()
    if len(parts) < 2:
        return first, last
    for size in range(len(parts) - 1, 0, -1):
        if first - size >= 0 and _alike(words[first - size : first], parts[:size]):
            first -= size
            break
    for size in range(len(parts) - 1, 0, -1):
        if last + size <= len(words) and _alike(words[last : last + size], parts[-size:]):
            last += size
            break
    return first, last


def spelled_like(words: Sequence[str], frozen: set[int], rendering: str) -> list[tuple[int, int]]:
    """The runs of words, none frozen, that are the model's own spelling of
    ``rendering``: found without asking the model, word for word, at least one word
    differing (:func:`near_spelling`; a part of the rendering that is not a name word,
    "Saudi" or "of", must stand as it is)."""
    parts = rendering.split()
    size = len(parts)
    named = [is_name_word(part) for part in parts]
    found = []
    for first in range(len(words) - size + 1):
        window = [bare(w) for w in words[first : first + size]]
        if (
            window != parts
            and not frozen.intersection(range(first, first + size))
            and all(
                near_spelling(word, part) if name else word == part
                for word, part, name in zip(window, parts, named)
            )
        ):
            found.append((first, first + size))
    return found


def near_spelling(word: str, name: str) -> bool:
    """``word`` is ``name`` or a misspelling of it: "Midle" for "Middle", "Moskow" for
    "Moscow", "Teheran" for "Tehran". Not another name one letter away (Iraq for Iran,
    Giza for Gaza: a name of four letters or fewer must match exactly), not a form
    derived from it or cut from it (Russians, Sudani, Nigeria for Niger), and never an
    adjective (:data:`NOT_NAMES`). One edit is allowed up to seven letters, two above.
    Edit distance by rapidfuzz's Levenshtein. Stricter than :func:`_alike`, which
    judges words already standing beside a name's rendering; this one decides alone
    whether a word is that name."""
    from rapidfuzz.distance import Levenshtein

    w, n = word.lower(), name.lower()
    if w == n:
        return is_capitalised(word)
    if not is_name_word(word) or len(n) <= 4 or w.startswith(n) or n.startswith(w):
        return False
    return Levenshtein.distance(w, n) <= (1 if len(n) <= 7 else 2)


def _alike(words: Sequence[str], parts: Sequence[str]) -> bool:
    """The words spell the rendering's parts, exactly or nearly ("Abas" for "Abbas",
    "Sergey" for "Sergei"): a model's misspelling of a first name is still that name."""
    from difflib import SequenceMatcher

    return all(
        bare(w) == p or SequenceMatcher(None, bare(w).lower(), p.lower()).ratio() >= 0.75
        for w, p in zip(words, parts)
    )


def rewording(before: str, after: str, names: set[str]) -> int:
    """How many words outside ``names`` differ between two sentences, counted word for
    word (removed plus added) after aligning them."""
    from difflib import SequenceMatcher

    a, b = before.split(), after.split()
    changed = 0
    for tag, a1, a2, b1, b2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            changed += sum(1 for w in a[a1:a2] if bare(w) not in names)
            changed += sum(1 for w in b[b1:b2] if bare(w) not in names)
    return changed
