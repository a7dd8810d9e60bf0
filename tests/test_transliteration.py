"""A spelling of an Arabic name is told from a name the model put in its place."""

from __future__ import annotations

import pytest

from translate.text.transliteration import plausible, similarity, spelling_in


@pytest.mark.parametrize(
    ("arabic", "english", "expected"),
    [
        ("باتروشيف", "Patrushev", True),
        ("باتروشيف", "Batroshev", True),  # a misspelling keeps the consonants
        ("شويجو", "Shoigu", True),  # ج read as g
        ("عراقجي", "Araghchi", True),  # ق as gh, ج as ch: Persian names
        ("قاليباف", "Qalibaf", True),
        ("سيرغي شويغو", "Sergei Shoigu", True),
        ("شويغو", "Lavrov", False),  # a substitute shares nothing
        ("باتروشيف", "Witkoff", False),
        ("عراقجي", "Shoukry", False),
        ("أحمديان", "Ahmed", False),  # a shorter name is not this one
        ("زاخاروفا", "Zakova", False),
    ],
)
def test_a_transliteration_is_told_from_a_substitute(
    arabic: str, english: str, expected: bool
) -> None:
    assert plausible(arabic, english) is expected
    assert 0.0 <= similarity(arabic, english) <= 1.0


@pytest.mark.parametrize(
    ("arabic", "english", "expected"),
    [
        ("فؤاد", "Fuad Hussein", "Fuad"),  # the surname the model attached is not it
        ("لافروف", "Sergei Lavrov", "Lavrov"),
        ("باتروشيف", "Kazakh Foreign Minister Steve Witkoff", None),
    ],
)
def test_the_words_that_spell_the_name(arabic: str, english: str, expected: str | None) -> None:
    assert spelling_in(arabic, english) == expected
