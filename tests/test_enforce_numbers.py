"""Numbers as terms: which numbers a translation lacks, the span a repair may take in
the source, and which output words a repair may replace."""

from __future__ import annotations

import pytest

from translate.enforce.numbers import NUMBER_TYPE, missing_numbers, wrong_number_words


@pytest.mark.parametrize(
    ("source", "output", "expected"),
    [
        # (term as written in the source, rendering)
        ("ارتفع بنسبة ۲۵ بالمئة", "rose by 24 percent", [("۲۵", "25")]),
        ("وصل ١٬٢٠٠ شخص", "arrived", [("١٬٢٠٠", "1,200")]),
        # A scale word is part of the number; a percent in words after it is not.
        ("ارتفع 1.5 مليون في المائة", "rose", [("1.5 مليون", "1.5 million")]),
        ("بلغ 4,800 مليون دولار", "reached 48 million dollars", [("4,800 مليون", "4,800 million")]),
        ("وصل 3 وزراء", "three ministers arrived", []),  # right, as a word
        ("وصل 3 وزراء", "3 ministers arrived", []),
        ("تابعوا #غزة_٢٠٢٤", "follow #غزة_٢٠٢٤", []),  # inside a hashtag: not a term
    ],
)
def test_the_numbers_a_translation_lacks(
    source: str, output: str, expected: list[tuple[str, str]]
) -> None:
    found = missing_numbers(source, output)
    assert [(source[m.start : m.end], m.rendering) for m in found] == expected
    assert all(m.entry.type == NUMBER_TYPE and m.surface == source[m.start : m.end] for m in found)


def test_keep_digits_keeps_the_sources_own() -> None:
    (match,) = missing_numbers("وصل ١٬٢٠٠ شخص", "arrived", keep_digits=True)
    assert match.rendering == "١٬٢٠٠"


@pytest.mark.parametrize(
    ("output", "source", "wrong"),
    [
        ("said 24 of them", "قال ٢٥ منهم", {1}),
        ("said one of 1100 patients", "قال واحد من 1100 مصاب", set()),  # "one" is right
        ("at the G20 summit", "في قمة العشرين", set()),  # a code, not a wrong number
        ("42,000 people", "42.000 شخص", set()),  # another reading of the same value
        ("2,500 and 24", "2,500 و٢٥", {2}),
    ],
)
def test_only_numbers_the_source_lacks_may_be_replaced(
    output: str, source: str, wrong: set[int]
) -> None:
    assert wrong_number_words(output.split(), source) == wrong
