"""Could this English word be a transliteration of that Arabic name?

A model that does not know a name substitutes another (شويغو rendered "Lavrov") or
spells it its own way ("Batroshev"). Glossary suggestions and document consistency
(:mod:`translate.enforce.consistency`) must tell the two apart without a dictionary:
a misspelling shares the name's consonants, a substitute does not.

Both sides are reduced to a skeleton of consonant classes: each Arabic consonant to
the class of the Latin letters it is written with (ب is b or p, since Arabic has no p;
ج is j or g; ق is q, k or g; و and ي count only where they stand for w and y, at the
start of a word), and the English word's consonants to the same classes (c, k, q are
one class; "sh", "kh", "gh", "th", "dh", "ch" are one letter each). The similarity is
the longest common subsequence of the two skeletons over the longer one. Hand-written
because it is Arabic-specific; no transliteration library models these equivalences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Arabic letters -> the consonant classes an English spelling may write them with.
# Letters absent here (alef, hamza, ع, the long vowels inside a word, ة) carry no
# consonant an English spelling keeps reliably. Several classes where names differ by
# origin: ج is j/g in Arabic names and ch in Persian ones (عراقجي "Araghchi"), ق is q/k
# and, in Persian and Turkish names, gh/g.
_ARABIC_CLASSES: dict[str, str] = {
    "ب": "B", "پ": "B", "ت": "T", "ط": "T", "ث": "S", "ج": "GC", "چ": "C", "ح": "H",
    "خ": "K", "د": "D", "ض": "D", "ذ": "Z", "ر": "R", "ز": "Z", "ظ": "Z", "س": "S",
    "ص": "S", "ش": "C", "غ": "G", "گ": "G", "ف": "F", "ڤ": "F", "ق": "KG", "ك": "K",
    "ک": "K", "ل": "L", "م": "M", "ن": "N", "ه": "H",
}  # fmt: skip

# English digraphs first, then single letters -> the same classes. "j" and "g" share
# a class with ج/غ/گ; "v" with f (ف and ڤ); "p" with b; "x" is k+s.
_ENGLISH_DIGRAPHS: dict[str, str] = {
    "sh": "C", "ch": "C", "tch": "C", "kh": "K", "gh": "G", "th": "S", "dh": "Z",
    "ph": "F", "zh": "Z", "ts": "S",
}  # fmt: skip
_ENGLISH_CLASSES: dict[str, str] = {
    "b": "B", "p": "B", "t": "T", "d": "D", "j": "G", "g": "G", "h": "H", "k": "K",
    "c": "K", "q": "K", "r": "R", "z": "Z", "s": "S", "f": "F", "v": "F", "l": "L",
    "m": "M", "n": "N", "x": "KS",
}  # fmt: skip
_DIGRAPH_RE = re.compile("|".join(sorted(_ENGLISH_DIGRAPHS, key=len, reverse=True)))


@dataclass(frozen=True)
class TransliterationRules:
    """``min_similarity``: the share of the longer skeleton that the two skeletons must
    have in common for the English to count as a spelling of the Arabic. "Patrushev" and
    باتروشيف share B T R C F (1.0); "Batroshev" and "Araghchi" (عراقجي) too; "Lavrov"
    and شويغو nothing (0.0). Measured on the toy-world documents
    (``benchmarks/names_benchmark.py``): at 0.5 and 0.6 substitutes passed ("Rubio" for
    ريابكوف, "Shoukry" for زاخاروفا at 0.5; "Ahmed", a shorter name, for أحمديان at
    0.75); 0.8 refuses them and keeps one changed consonant in five."""

    min_similarity: float = 0.8


DEFAULT_TRANSLITERATION_RULES = TransliterationRules()


def arabic_skeleton(word: str) -> list[str]:
    """The consonants of an Arabic word, each as the classes it may be written with
    (و and ي only at its start)."""
    out: list[str] = []
    for index, char in enumerate(word):
        if char in _ARABIC_CLASSES:
            out.append(_ARABIC_CLASSES[char])
        elif index == 0 and char == "و":
            out.append("W")
        elif index == 0 and char == "ي":
            out.append("Y")
    return out


def english_skeleton(word: str) -> str:
    """The consonant classes of an English word; doubled letters count once."""
    text = _DIGRAPH_RE.sub(lambda m: "\0" + _ENGLISH_DIGRAPHS[m.group(0)], word.lower())
    out: list[str] = []
    marked = False
    for index, char in enumerate(text):
        if char == "\0":
            marked = True
            continue
        if marked:
            out.append(char)
            marked = False
            continue
        if char in ("w", "y") and index == 0:
            out.append(char.upper())
        elif char in _ENGLISH_CLASSES:
            out.append(_ENGLISH_CLASSES[char])
    collapsed = [c for i, c in enumerate(out) if i == 0 or c != out[i - 1]]
    return "".join(collapsed)


def _common(a: list[str], b: str) -> int:
    """Longest common subsequence, an Arabic consonant matching any of its classes."""
    previous = [0] * (len(b) + 1)
    for classes in a:
        current = [0]
        for j, other in enumerate(b):
            same = other in classes
            current.append(previous[j] + 1 if same else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def similarity(arabic: str, english: str) -> float:
    """Shared consonants over the longer skeleton (0.0-1.0); several words on either
    side are compared joined."""
    a = [c for w in arabic.split() for c in arabic_skeleton(w)]
    b = "".join(english_skeleton(w) for w in re.findall(r"[A-Za-z]+", english))
    a = [c for i, c in enumerate(a) if i == 0 or c != a[i - 1]]
    if not a or not b:
        return 0.0
    return _common(a, b) / max(len(a), len(b))


def spelling_in(
    arabic: str, english: str, rules: TransliterationRules = DEFAULT_TRANSLITERATION_RULES
) -> str | None:
    """The run of words of ``english`` that best spells the Arabic name ``arabic``, or
    None: a first name's rendering may come with the surname the model attached to it
    ("Fuad Hussein" for فؤاد spells it in "Fuad")."""
    words = english.split()
    best, best_score = None, rules.min_similarity
    for first in range(len(words)):
        for last in range(first + 1, min(len(words), first + 4) + 1):
            text = " ".join(words[first:last])
            score = similarity(arabic, text)
            if score > best_score or (score == best_score and best is None):
                best, best_score = text, score
    return best


def plausible(
    arabic: str, english: str, rules: TransliterationRules = DEFAULT_TRANSLITERATION_RULES
) -> bool:
    """Whether ``english`` could be a spelling of the Arabic name ``arabic``."""
    return similarity(arabic, english) >= rules.min_similarity
