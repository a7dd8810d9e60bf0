"""Arabic text normalisation.

Two levels, for two purposes:

* :func:`normalize_text` prepares input for the model: it undoes what PDF copy-paste and
  word processors do to Arabic (presentation forms, tatweel, bidi and zero-width
  controls, Persian/Urdu letter variants) and optionally strips diacritics. It changes
  nothing a reader would call a different word.
* :func:`fold_for_matching` is the stronger, lossy folding the glossary matcher compares
  on (the letter variants above, hamza/madda/wasla alef forms, alef maqsura, final ta
  marbuta). It keeps a map back to the original offsets so matches can be reported on
  the text the user gave. Folding a text and folding its normalised form give the same
  result, so a glossary form matches whichever of the two the matcher is given.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TATWEEL = "\u0640"

# Bidi embeddings/overrides/isolates, marks, and zero-width characters: invisible in
# rendered text, but they split SentencePiece pieces and leak into output.
_INVISIBLE_CONTROLS = (
    "\u061c"  # ARABIC LETTER MARK
    "\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069"
    "\ufeff"
)

# Harakat, tanwin, shadda, sukun, and the Quranic marks that follow them; U+0670 is the
# dagger alef. Hamza above/below (U+0654/U+0655) are composed by NFC before this runs.
_DIACRITICS_RE = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")

# Persian/Urdu letter forms normalize_text replaces (no reader would call the result a
# different word). This table and FOLDED_LETTERS below are the only letter tables: the
# glossary matcher (translate.glossary.tokens) folds with FOLDED_LETTERS too.
LETTER_VARIANTS: dict[str, str] = {
    "\u06cc": "\u064a",  # FARSI YEH -> YEH
    "\u06d2": "\u064a",  # YEH BARREE -> YEH
    "\u06a9": "\u0643",  # KEHEH -> KAF
    "\u06c1": "\u0647",  # HEH GOAL -> HEH
    "\u06d5": "\u0647",  # AE -> HEH
    "\u06c0": "\u0647\u0654",  # HEH WITH YEH ABOVE (recomposed by NFC)
}
_LETTER_VARIANTS = str.maketrans(LETTER_VARIANTS)

# Arabic letters, as a regular-expression class body: U+0621-U+064A and U+0671-U+06D3.
ARABIC_LETTER_CLASS = "\u0621-\u064a\u0671-\u06d3"

# Other C0/C1 controls: a tab or vertical tab inside a line becomes a space, the rest go.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TAB_LIKE_RE = re.compile("[\t\x0b\x0c]")


def _is_presentation_form(char: str) -> bool:
    code = ord(char)
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFE


@lru_cache(maxsize=4096)
def _expand_presentation_form(char: str) -> str:
    return unicodedata.normalize("NFKC", char)


_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def normalize_text(text: str, *, keep_diacritics: bool = False) -> str:
    """Return ``text`` ready for tokenisation; safe to apply more than once."""
    if _PRESENTATION_RE.search(text):
        text = _PRESENTATION_RE.sub(lambda m: _expand_presentation_form(m.group()), text)
    text = _TAB_LIKE_RE.sub(" ", text)
    text = text.translate(_STRIP_TABLE).translate(_LETTER_VARIANTS)
    text = _CONTROL_RE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    if not keep_diacritics:
        text = _DIACRITICS_RE.sub("", text)
    return text


_STRIP_TABLE = str.maketrans({c: None for c in _INVISIBLE_CONTROLS + TATWEEL})


def strip_controls(text: str) -> str:
    """Remove invisible controls from text going *out* (model output, restored spans)."""
    text = _TAB_LIKE_RE.sub(" ", text)
    return _CONTROL_RE.sub("", text.translate(_STRIP_TABLE))


# --- matching-level folding -----------------------------------------------------------

# Every letter matching folds into another, one character to one: the normaliser's
# letter variants (the hamza normalize_text leaves on U+06C0 is a diacritic, which folding
# drops), plus the lossy folds of matching: hamza, madda and wasla on alef, and alef
# maqsura. Final ta marbuta is folded by position (see fold_for_matching).
FOLDED_LETTERS: dict[str, str] = {
    **{letter: variant[0] for letter, variant in LETTER_VARIANTS.items()},
    "\u0622": "\u0627",  # alef madda
    "\u0623": "\u0627",  # alef hamza above
    "\u0625": "\u0627",  # alef hamza below
    "\u0671": "\u0627",  # alef wasla
    "\u0649": "\u064a",  # alef maqsura -> yeh
}
_TA_MARBUTA = "\u0629"
_HEH = "\u0647"
_DROPPED_IN_FOLD = set(_INVISIBLE_CONTROLS) | {TATWEEL}


_ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTER_CLASS}]")


def _is_arabic_letter(char: str) -> bool:
    return _ARABIC_LETTER_RE.match(char) is not None


def _dropped_in_fold(char: str) -> bool:
    return char in _DROPPED_IN_FOLD or _DIACRITICS_RE.match(char) is not None


def fold_for_matching(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for glossary comparison.

    Returns the folded string and, for each of its characters, the index of the
    character in ``text`` it came from, so a match ``folded[i:j]`` covers
    ``text[offsets[i]:offsets[j-1] + 1]``. Letters are case-folded too, so Latin-script
    forms (``IRNA``) match regardless of case; callers that need case keep the original.
    """
    # Expand presentation forms first, so a final ta marbuta written as U+FE93/U+FE94
    # folds like the plain letter; the diacritics and tatweel some of them expand to are
    # dropped like plain ones (as normalize_text drops them after expanding).
    chars: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        if char in _DROPPED_IN_FOLD or _DIACRITICS_RE.match(char):
            continue
        if _is_presentation_form(char):
            chars.extend(
                (piece, index)
                for piece in _expand_presentation_form(char)
                if not _dropped_in_fold(piece)
            )
        else:
            chars.append((char, index))
    out: list[str] = []
    offsets: list[int] = []
    for position, (char, index) in enumerate(chars):
        if char == _TA_MARBUTA:
            # Final ta marbuta and heh are written interchangeably; inside a word (rare,
            # after clitics are split off) it stays distinct.
            following = chars[position + 1][0] if position + 1 < len(chars) else ""
            if not following or not _is_arabic_letter(following):
                char = _HEH
        out.append(FOLDED_LETTERS.get(char, char).casefold()[:1] or char)
        offsets.append(index)
    return "".join(out), offsets


def fold(text: str) -> str:
    """:func:`fold_for_matching` without the offsets, for keys and comparisons."""
    return fold_for_matching(text)[0]
