"""The normaliser and the glossary matcher fold Arabic letters with one table.

Every Arabic letter (U+0621-U+064A, U+0671-U+06D3) and every presentation form the
normaliser expands is checked: folding a word and folding its normalised form agree, the
matcher's fast path folds it like the normaliser's fold, and a glossary form matches the
word written with any variant the normaliser or the folding replaces.
"""

from __future__ import annotations

import unicodedata

import pytest

from translate.glossary import Entry, Glossary
from translate.glossary.tokens import fold_text
from translate.text.normalize import FOLDED_LETTERS, LETTER_VARIANTS, fold, normalize_text

LETTERS = [chr(c) for c in [*range(0x0621, 0x064B), *range(0x0671, 0x06D4)]]
PRESENTATION_FORMS = [
    chr(c)
    for c in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]
    if unicodedata.category(chr(c)) != "Cn"
]
BEH = "\u0628"


def _words(char: str) -> list[str]:
    """``char`` alone, and at the start, inside and at the end of a word."""
    return [char, char + BEH, BEH + char + BEH, BEH + char]


@pytest.mark.parametrize("char", LETTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_letter_folds_alike_before_and_after_normalising(char: str) -> None:
    for word in _words(char):
        assert fold(normalize_text(word)) == fold(word), word
        assert fold_text(word)[0] == fold(word), word  # the matcher's fast path


@pytest.mark.parametrize("char", PRESENTATION_FORMS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_presentation_form_folds_like_its_normalised_form(char: str) -> None:
    for word in _words(char):
        assert fold(normalize_text(word)) == fold(word), word
        assert fold_text(word)[0] == fold(word), word


def test_the_folding_table_covers_every_letter_the_normaliser_replaces() -> None:
    assert set(LETTER_VARIANTS) <= set(FOLDED_LETTERS)
    for letter in LETTERS:
        normalised = normalize_text(letter)
        if normalised != letter:
            assert fold(letter) == fold(normalised), f"U+{ord(letter):04X}"


def _matches(form: str, text: str) -> bool:
    glossary = Glossary((Entry(english="X", forms=(form,), variants=False),))
    return any(m.rendering == "X" for m in glossary.matcher().find(text))


# Each letter some spelling replaces, in a word: (written, as a glossary writes it).
_REPLACED = sorted(
    {letter for letter in LETTERS if fold(letter) != letter or normalize_text(letter) != letter}
    - {"\u0640"}  # tatweel: dropped, not replaced
)


@pytest.mark.parametrize("letter", _REPLACED, ids=lambda c: f"U+{ord(c):04X}")
def test_a_glossary_form_matches_every_variant_spelling(letter: str) -> None:
    plain = normalize_text(letter) or letter
    written = "\u0633" + letter + "\u0645\u0631"  # a word with the letter inside
    form = "\u0633" + plain + "\u0645\u0631"
    assert _matches(form, f"قال {written} أمس"), f"U+{ord(letter):04X}"
    assert _matches(written, f"قال {form} أمس"), f"U+{ord(letter):04X}"


@pytest.mark.parametrize(
    ("form", "text"),
    [
        ("القاهرة", "وصل إلى ٱلقاهرة أمس"),  # alef wasla (U+0671)
        ("ٱلقاهرة", "وصل إلى القاهرة أمس"),
        ("القاهرة", "وصل إلى ﭐﻟﻘﺎﻫﺮﺓ أمس"),  # presentation forms, wasla and final ta marbuta
    ],
    ids=["wasla-in-text", "wasla-in-form", "presentation-forms"],
)
def test_cairo_matches_with_alef_wasla(form: str, text: str) -> None:
    assert fold_text("ٱلقاهرة")[0] == fold("ٱلقاهرة") == fold("القاهرة")
    assert _matches(form, text)
