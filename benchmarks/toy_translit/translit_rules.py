"""Rule-based transliteration of person names, written for the toy-translit corpus.

Three directions, each with the spelling variation real text has:

- :func:`romanise_cyrillic`: Russian, Ukrainian and Bulgarian Cyrillic to the English press
  romanisation (Смирнов → Smirnov, Жуков → Zhukov, Дмитрий → Dmitry). Deterministic: this is
  the English "reference" spelling of a Slavic name.
- :func:`latin_to_arabic`: a Latin-script name (English, or a romanised Russian, Turkish…
  name) to Arabic script the way Arabic newspapers write foreign names: g as غ or ج, p as ب,
  v as ف, ch as تش, sh ش, kh خ, zh ج, ts تس, vowels as the long vowels ا و ي or left out,
  final -a as ا or ة. Random: each call may give another common spelling.
- :func:`arabic_to_latin`: an Arabic or Persian name in Arabic script to a common English
  romanisation (محمدی → Mohammadi/Mahamadi, عبد الله → Abdullah). Arabic script does not
  write short vowels, so they are guessed, as people guess them: random, and often not the
  spelling the person uses.

:func:`persian_to_arabic_script` writes a Persian-script name with Arabic letters (پ ب, چ
تش/ج, گ غ/ك/ج, ژ ج/ز, ی ي, ک ك), as Arabic newspapers do.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence

Choice = Sequence[tuple[str, float]]

# --- Cyrillic → Latin -------------------------------------------------------------------

_CYRILLIC: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
_CYRILLIC_VOWELS = set("аеёиоуыэюяєіїьъ")


def romanise_cyrillic(name: str, language: str = "ru") -> str:
    """Press romanisation of a Cyrillic name; ``language`` is ru, uk or bg."""
    out: list[str] = []
    words = []
    for word in name.split():
        lower = word.lower()
        out = []
        for i, ch in enumerate(lower):
            prev = lower[i - 1] if i else ""
            nxt = lower[i + 1] if i + 1 < len(lower) else ""
            if ch == "е" and (not prev or prev in _CYRILLIC_VOWELS):
                out.append("ye")
            elif ch == "г" and language == "uk":
                out.append("h")
            elif ch == "щ" and language == "bg":
                out.append("sht")
            elif ch == "ъ" and language == "bg":
                out.append("a")
            elif ch == "и" and language == "uk":
                out.append("y")
            elif ch == "й" and not nxt and prev in ("и", "ы"):
                # Дмитрий → Dmitry, Горький → Gorky: the ending -ий/-ый is written -y.
                out[-1] = "y"
            else:
                out.append(_CYRILLIC.get(ch, ch))
        latin = "".join(out)
        words.append(latin[:1].upper() + latin[1:])
    return " ".join(words)


# --- Latin → Arabic ---------------------------------------------------------------------

_LATIN_FOLD = {"ı": "i", "ə": "e", "ß": "ss", "ø": "o", "æ": "ae", "đ": "d", "ł": "l", "œ": "oe"}
_VOWELS = set("aeiouy")

# Multi-letter spellings first (the longest match wins), then single letters.
# Each maps to weighted Arabic choices.
_DIGRAPHS: dict[str, Choice] = {
    "shch": (("شتش", 0.7), ("ش", 0.3)),
    "dzh": (("ج", 1.0),),
    "sch": (("ش", 1.0),),
    "tch": (("تش", 1.0),),
    "sh": (("ش", 1.0),),
    "ch": (("تش", 0.7), ("ش", 0.2), ("ك", 0.1)),
    "kh": (("خ", 1.0),),
    "zh": (("ج", 0.7), ("ز", 0.3)),
    "ts": (("تس", 0.9), ("ز", 0.1)),
    "tz": (("تس", 1.0),),
    "th": (("ث", 0.5), ("ت", 0.5)),
    "ph": (("ف", 1.0),),
    "gh": (("غ", 1.0),),
    "ck": (("ك", 1.0),),
    "qu": (("كو", 0.8), ("كي", 0.2)),
    "dj": (("ج", 1.0),),
    "ee": (("ي", 1.0),),
    "oo": (("و", 1.0),),
    "ou": (("و", 1.0),),
    "au": (("او", 0.6), ("و", 0.4)),
    "ai": (("اي", 0.8), ("ي", 0.2)),
    "ay": (("اي", 1.0),),
    "ei": (("ي", 0.6), ("اي", 0.4)),
    "ey": (("ي", 0.6), ("اي", 0.4)),
    "oy": (("وي", 1.0),),
    "iy": (("ي", 1.0),),
    "ie": (("ي", 0.7), ("يي", 0.3)),
}
_CONSONANTS: dict[str, Choice] = {
    "b": (("ب", 1.0),),
    "p": (("ب", 1.0),),
    "v": (("ف", 1.0),),
    "f": (("ف", 1.0),),
    "w": (("و", 1.0),),
    "g": (("غ", 0.6), ("ج", 0.4)),
    "j": (("ج", 1.0),),
    "k": (("ك", 1.0),),
    "q": (("ك", 0.6), ("ق", 0.4)),
    "d": (("د", 1.0),),
    "t": (("ت", 0.95), ("ط", 0.05)),
    "s": (("س", 1.0),),
    "z": (("ز", 1.0),),
    "x": (("كس", 1.0),),
    "h": (("ه", 1.0),),
    "l": (("ل", 1.0),),
    "m": (("م", 1.0),),
    "n": (("ن", 1.0),),
    "r": (("ر", 1.0),),
}


def _pick(rng: random.Random, choices: Choice) -> str:
    total = sum(w for _, w in choices)
    draw = rng.random() * total
    for text, weight in choices:
        draw -= weight
        if draw < 0:
            return text
    return choices[-1][0]


def fold_latin(name: str) -> str:
    """Lower case, accents removed, special letters (ı ə ß ø…) mapped to plain ones."""
    text = "".join(_LATIN_FOLD.get(ch, ch) for ch in name.lower())
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _vowel(rng: random.Random, v: str, initial: bool, final: bool, keep: float) -> str:
    if initial:
        return {
            "a": _pick(rng, (("أ", 0.6), ("ا", 0.4))),
            "e": _pick(rng, (("إي", 0.5), ("إ", 0.3), ("اي", 0.2))),
            "i": _pick(rng, (("إي", 0.6), ("اي", 0.25), ("إ", 0.15))),
            "o": _pick(rng, (("أو", 0.6), ("او", 0.4))),
            "u": _pick(rng, (("أو", 0.6), ("او", 0.4))),
            "y": "ي",
        }[v]
    if final and v == "a":
        return _pick(rng, (("ا", 0.8), ("ة", 0.2)))
    if final and v in "eiy":
        return "ي"
    if final and v in "ou":
        return "و"
    long = {"a": "ا", "e": "ي", "i": "ي", "o": "و", "u": "و", "y": "ي"}[v]
    # Short vowels are often left out in Arabic spelling; a and o least often.
    rates = {"a": 0.85, "e": 0.6, "i": 0.85, "o": 0.9, "u": 0.8, "y": 0.9}
    return long if rng.random() < rates[v] * keep else ""


def latin_to_arabic(name: str, rng: random.Random, english: bool = False) -> str:
    """Arabic spelling of a Latin-script name. ``english``: English orthography (a final
    silent e is dropped)."""
    words = []
    for raw in fold_latin(name).replace("-", " ").split():
        word = "".join(ch for ch in raw if ch.isalpha())
        if english and len(word) > 3 and word.endswith("e") and word[-2] not in _VOWELS:
            word = word[:-1]  # Moore, Blake: a silent final e
        # Vowels are written more fully in some articles than in others.
        keep = 1.0 if rng.random() < 0.6 else 0.8
        out: list[str] = []
        i = 0
        while i < len(word):
            ch, rest = word[i], word[i:]
            if i and ch == word[i - 1] and ch not in _VOWELS:
                i += 1  # a double consonant is written once (the shadda stays unwritten)
                continue
            if i == 0 and ch in "aeiou":
                two = rest[:2]
                if two in ("ai", "ay", "ei", "ey"):
                    out.append(_pick(rng, (("إي", 0.6), ("اي", 0.4))))
                    i += 2
                elif two in ("ou", "oo", "au"):
                    out.append(_pick(rng, (("أو", 0.6), ("او", 0.4))))
                    i += 2
                else:
                    out.append(_vowel(rng, ch, True, False, 1.0))
                    i += 1
                continue
            if rest[:3] in ("you", "yoo"):
                out.append("يو")
                i += 3
                continue
            if ch == "y" and (i == 0 or word[i - 1] in _VOWELS) and rest[1:2] in _VOWELS:
                # Consonantal y: Yury, Maya; ya/yu/yo are يا يو يو, ye and yi are ي.
                two = rest[:2]
                out.append({"ya": "يا", "yu": "يو", "yo": "يو"}.get(two, "ي"))
                i += 2
                continue
            matched = False
            for length in (4, 3, 2):
                piece = rest[:length]
                if len(piece) == length and piece in _DIGRAPHS:
                    out.append(_pick(rng, _DIGRAPHS[piece]))
                    i += length
                    matched = True
                    break
            if matched:
                continue
            final = i == len(word) - 1
            if ch == "c":
                out.append("س" if rest[1:2] in ("e", "i", "y") else "ك")
            elif ch == "n" and rest[1:2] == "g" and i + 2 == len(word):
                out.append(_pick(rng, (("نغ", 0.6), ("نج", 0.4))))
                i += 1
            elif ch == "y" and not final and word[i - 1] not in _VOWELS:
                out.append("ي")
            elif ch in _VOWELS:
                out.append(_vowel(rng, ch, False, final, keep))
            elif ch in _CONSONANTS:
                out.append(_pick(rng, _CONSONANTS[ch]))
            i += 1
        text = "".join(out)
        if text:
            words.append(text)
    return " ".join(words)


# --- Arabic / Persian script → Latin ----------------------------------------------------

_TASHKEEL = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670", "\u0640"}
_PERSIAN_TO_ARABIC: dict[str, Choice] = {
    "پ": (("ب", 1.0),),
    "چ": (("تش", 0.6), ("ج", 0.4)),
    "گ": (("غ", 0.4), ("ك", 0.35), ("ج", 0.25)),
    "ژ": (("ج", 0.6), ("ز", 0.4)),
    "ی": (("ي", 1.0),),
    "ک": (("ك", 1.0),),
    "ە": (("ه", 1.0),),
}


def strip_marks(text: str) -> str:
    return "".join(ch for ch in text if ch not in _TASHKEEL)


def persian_to_arabic_script(name: str, rng: random.Random) -> str:
    return "".join(
        _pick(rng, _PERSIAN_TO_ARABIC[ch]) if ch in _PERSIAN_TO_ARABIC else ch
        for ch in strip_marks(name)
    )


_AR_CONSONANTS: dict[str, Choice] = {
    "ب": (("b", 1.0),),
    "پ": (("p", 1.0),),
    "ت": (("t", 1.0),),
    "ث": (("th", 0.5), ("s", 0.5)),
    "ج": (("j", 1.0),),
    "چ": (("ch", 1.0),),
    "ح": (("h", 1.0),),
    "خ": (("kh", 1.0),),
    "د": (("d", 1.0),),
    "ذ": (("dh", 0.4), ("z", 0.6)),
    "ر": (("r", 1.0),),
    "ز": (("z", 1.0),),
    "ژ": (("zh", 1.0),),
    "س": (("s", 1.0),),
    "ش": (("sh", 1.0),),
    "ص": (("s", 1.0),),
    "ض": (("d", 0.5), ("z", 0.5)),
    "ط": (("t", 1.0),),
    "ظ": (("z", 1.0),),
    "غ": (("gh", 1.0),),
    "ف": (("f", 1.0),),
    "ق": (("q", 0.6), ("gh", 0.4)),
    "ك": (("k", 1.0),),
    "ک": (("k", 1.0),),
    "گ": (("g", 1.0),),
    "ل": (("l", 1.0),),
    "م": (("m", 1.0),),
    "ن": (("n", 1.0),),
    "ه": (("h", 1.0),),
    "ء": (("", 1.0),),
    "ئ": (("'", 0.3), ("", 0.7)),
}
_AR_VOWEL_LETTERS = set("اآأإوؤيىیةع")
_SHORT_VOWELS: dict[str, Choice] = {
    "ar": (("a", 0.7), ("i", 0.15), ("u", 0.15)),
    "fa": (("a", 0.55), ("e", 0.3), ("o", 0.15)),
}
_INITIAL_SHORT: dict[str, Choice] = {
    "ar": (("a", 0.55), ("u", 0.25), ("o", 0.2)),
    "fa": (("a", 0.45), ("o", 0.35), ("e", 0.2)),
}


_PERSIAN_SOUNDS: dict[str, Choice] = {
    "ث": (("s", 1.0),),
    "ذ": (("z", 1.0),),
    "ض": (("z", 1.0),),
    "ق": (("gh", 0.6), ("q", 0.4)),
}


def _romanise_word(word: str, rng: random.Random, origin: str) -> str:
    short = _SHORT_VOWELS[origin]
    out: list[str] = []
    since_vowel = 0  # consonants written since the last vowel
    n = len(word)
    skip = -1
    for i, ch in enumerate(word):
        if i == skip:
            continue
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else "#"  # "#": the end of the word
        final = i == n - 1
        latin = ""
        if i == 0 and ch in "اأ" and nxt in "ويی":
            # او / اي at the start: Omid, Ouliya, Iravani, Eslami.
            if nxt == "و":
                out.append(_pick(rng, (("O", 0.5), ("Ou", 0.3), ("U", 0.2))))
            else:
                out.append(_pick(rng, (("I", 0.6), ("Ei", 0.2), ("E", 0.2))))
            skip, since_vowel = 1, 0
            continue
        if ch in "آأإا":
            out.append(_pick(rng, (("i", 0.7), ("e", 0.3))) if ch == "إ" else "a")
            since_vowel = 0
            continue
        if ch == "ع":
            if i == 0 or prev in "اآأ":
                # ع carries its vowel: عباس Abbas, علي Ali, عمر Omar; before a long vowel
                # it is not written at all.
                if not final and nxt not in "اآوي":
                    out.append(_pick(rng, (("a", 0.7), ("o", 0.2), ("e", 0.1))))
                    since_vowel = 0
            else:
                out.append(_pick(rng, (("'", 0.3), ("a", 0.4), ("", 0.3))))
                since_vowel = 0
            continue
        if ch in "وؤ":
            if i == 0 or nxt in "اآ" or prev in "اآ":
                if since_vowel and i > 0:
                    out.append(_pick(rng, short))  # جواد Javad: the vowel before و
                latin = _pick(rng, (("v", 0.6), ("w", 0.4))) if origin == "fa" else "w"
            else:
                rates = (
                    (("ou", 0.35), ("u", 0.35), ("o", 0.3))
                    if origin == "fa"
                    else (("ou", 0.15), ("u", 0.55), ("o", 0.3))
                )
                out.append(_pick(rng, rates))
                since_vowel = 0
                continue
        elif ch == "ى":
            out.append("a")
            since_vowel = 0
            continue
        elif ch in "يی":
            if i == 0 or (prev in "اآو" and not final):
                latin = "y"
            else:
                if nxt in "اآ":
                    out.append(_pick(rng, (("i", 0.5), ("iy", 0.3), ("y", 0.2))))
                elif prev in "اآو" and final:
                    out.append(_pick(rng, (("i", 0.5), ("ei", 0.3), ("ee", 0.2))))
                elif final:
                    out.append(_pick(rng, (("i", 0.85), ("ee", 0.1), ("y", 0.05))))
                else:
                    out.append("i")
                since_vowel = 0
                continue
        elif ch == "ة":
            out.append(_pick(rng, (("a", 0.6), ("ah", 0.3), ("eh", 0.1))))
            continue
        elif ch == "ه" and final and i > 0:
            if origin == "fa":
                out.append(_pick(rng, (("eh", 0.8), ("e", 0.2))))
            else:
                out.append(_pick(rng, (("ah", 0.6), ("a", 0.3), ("h", 0.1))))
            continue
        elif origin == "fa" and ch in _PERSIAN_SOUNDS:
            latin = _pick(rng, _PERSIAN_SOUNDS[ch])
        elif ch in _AR_CONSONANTS:
            latin = _pick(rng, _AR_CONSONANTS[ch])
        if not latin:
            continue
        out.append(latin)
        since_vowel += 1
        # A short vowel the script does not write: always after an initial consonant
        # followed by another one, always after two consonants in a row, sometimes after one.
        if not final and nxt not in _AR_VOWEL_LETTERS:
            if i == 0:
                out.append(_pick(rng, _INITIAL_SHORT[origin]))
            elif since_vowel >= 2 or rng.random() < 0.3:
                out.append(_pick(rng, short))
            else:
                continue
            since_vowel = 0
    text = "".join(out)
    return text[:1].upper() + text[1:]


def arabic_to_latin(name: str, rng: random.Random, origin: str = "ar") -> str:
    """A common English romanisation of an Arabic-script name; ``origin`` is ar or fa."""
    words = strip_marks(name).split()
    parts: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in ("عبد", "عبدالله") and nxt in ("الله", ""):
            if word == "عبدالله" or nxt:
                parts.append(_pick(rng, (("Abdullah", 0.6), ("Abdallah", 0.3), ("Abdollah", 0.1))))
                i += 2 if nxt else 1
                continue
        if word == "عبد" and nxt.startswith("ال"):
            rest = _romanise_word(nxt[2:], rng, origin)
            head = _pick(rng, (("Abdul", 0.5), ("Abdel", 0.3), ("Abd al-", 0.2)))
            parts.append(head + (rest.lower() if not head.endswith("-") else rest))
            i += 2
            continue
        if word.startswith("عبدال") and len(word) > 5:
            rest = _romanise_word(word[5:], rng, origin)
            parts.append(_pick(rng, (("Abdol", 0.5), ("Abdul", 0.5))) + rest.lower())
            i += 1
            continue
        if word in ("أبو", "ابو", "بو"):
            parts.append(_pick(rng, (("Abu", 0.8), ("Abou", 0.2))))
            i += 1
            continue
        if word == "آل":
            parts.append("Al")
            i += 1
            continue
        if word in ("زاده", "زادہ", "زادة"):
            parts.append("zadeh")
            i += 1
            continue
        if word == "پور" or word == "بور":
            parts.append(_pick(rng, (("pour", 0.7), ("pur", 0.3))))
            i += 1
            continue
        if word.startswith("ال") and len(word) > 3:
            head = _pick(rng, (("Al-", 0.6), ("al-", 0.2), ("El-", 0.2)))
            parts.append(head + _romanise_word(word[2:], rng, origin))
            i += 1
            continue
        parts.append(_romanise_word(word, rng, origin))
        i += 1
    # Persian compound surnames: رضا زاده → Rezazadeh, محمد پور → Mohammadpour.
    joined: list[str] = []
    for part in parts:
        if part in ("zadeh", "pour", "pur") and joined:
            joined[-1] += part
        else:
            joined.append(part)
    return " ".join(joined)
