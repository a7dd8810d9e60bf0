"""A number the toy model changed or dropped is put back by the placement machinery,
and a sentence whose numbers are right is never touched (toy-news, a toy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate import TranslationOptions, Translator
from translate.text.numbers import compare_numbers

MODEL = Path(__file__).resolve().parent.parent / "models" / "toy-news"
needs_toy = pytest.mark.skipif(not (MODEL / "model.bin").is_file(), reason="no toy model")

# New toy-world sentences whose number the toy gets wrong: Persian digits, a decimal
# it reads as an integer.
WRONG = [
    ("قال فيدان إن حجم التبادل التجاري بين تركيا وقطر ارتفع بنسبة ۶٫۲ بالمئة.", "6.2 percent"),
    ("قال بوتين إن حجم التبادل التجاري بين روسيا ومصر ارتفع بنسبة 7.5 بالمئة.", "7.5 percent"),
    ("استمرت المحادثات بين ماكرون وشكري ٤٫٥ ساعات في باريس.", "4.5 hours"),
]
RIGHT = [
    "وصل وزير الخارجية العراقي فؤاد حسين إلى طهران يوم الأربعاء في زيارة رسمية تستغرق 5 أيام.",
    "وقع بوتين وتوكاييف ٢١ اتفاقية في مجالات الطاقة والتجارة.",
]


@pytest.fixture(scope="module")
def translators() -> tuple[Translator, Translator]:
    plain = Translator("toy-news", TranslationOptions(threads=2, repair_numbers=False))
    return plain, Translator("toy-news", TranslationOptions(threads=2))


@needs_toy
@pytest.mark.parametrize(("source", "expected"), WRONG)
def test_a_wrong_number_is_replaced_and_nothing_else_changes(
    translators: tuple[Translator, Translator], source: str, expected: str
) -> None:
    plain_t, repair_t = translators
    (plain,) = plain_t.translate_lines([source])
    (repaired,) = repair_t.translate_lines([source])
    assert not compare_numbers(source, plain.text).ok  # the toy really gets it wrong
    assert expected in repaired.text and compare_numbers(source, repaired.text).ok
    # Word for word: only the number differs from the model's own sentence.
    before, after = plain.text.split(), repaired.text.split()
    assert len(before) == len(after)
    assert [a for a, b in zip(before, after) if a != b] == [
        w for w in before if any(c.isdigit() for c in w)
    ]
    (match,) = [m for e in repaired.report for m in e["matches"]]
    assert match["type"] == "number" and match["enforced"] == "replaced"


@needs_toy
@pytest.mark.parametrize("source", RIGHT)
def test_right_numbers_are_left_alone(
    translators: tuple[Translator, Translator], source: str
) -> None:
    plain_t, repair_t = translators
    (plain,) = plain_t.translate_lines([source])
    (repaired,) = repair_t.translate_lines([source])
    assert compare_numbers(source, plain.text).ok
    assert repaired.text == plain.text
    assert not [m for e in repaired.report for m in e["matches"]]


@needs_toy
def test_the_repair_is_recorded_in_the_signature(
    translators: tuple[Translator, Translator],
) -> None:
    plain_t, repair_t = translators
    assert plain_t.signature()["enforcement"] is None
    assert repair_t.signature()["enforcement"] is not None
