import pytest

from translate.text.normalize import fold, fold_for_matching, normalize_text, strip_controls


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ", "السلام عليكم"),  # presentation forms from a PDF
        ("ﻻ", "لا"),  # lam-alef ligature
        ("الســــلام", "السلام"),  # tatweel
        ("مرحبا\u200f بكم\u200b\u202b", "مرحبا بكم"),  # bidi and zero-width controls
        ("کتاب فارسی", "كتاب فارسي"),  # Persian kaf and yeh
        ("مُحَمَّدٌ", "محمد"),  # diacritics stripped by default
        ("a\tb\x07c", "a bc"),  # tab becomes a space, other controls go
        ("\ufeffنص", "نص"),  # byte order mark
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_keep_diacritics() -> None:
    assert normalize_text("مُحَمَّدٌ", keep_diacritics=True) == "مُحَمَّدٌ"


def test_normalize_is_idempotent() -> None:
    text = "ﺍﻟﺴﻼﻡ مُحَمَّد الســلام ی\u200f"
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_hamza_is_composed_not_lost() -> None:
    # alef + combining hamza above must become the single letter أ
    assert normalize_text("\u0627\u0654حمد") == "أحمد"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"),
        ("مستشفى", "مستشفي"),
        ("مدرسة كبيرة", "مدرسه كبيره"),
        ("IRNA", "irna"),
        ("شويـغو", "شويغو"),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_fold_offsets_point_into_the_original() -> None:
    text = "والمدرسةِ الكبيرة"
    folded, offsets = fold_for_matching(text)
    assert len(folded) == len(offsets)
    start = folded.index("الكبيره")
    end = start + len("الكبيره")
    assert text[offsets[start] : offsets[end - 1] + 1] == "الكبيرة"


def test_strip_controls_on_output() -> None:
    assert strip_controls("Hello\u202e world\x00") == "Hello world"


def test_fold_handles_presentation_form_ta_marbuta() -> None:
    assert fold("ﻏﺰﺓ") == fold("غزة") == "غزه"
