"""Automatic spelling variants of foreign names: the rules, the listing, the key."""

from __future__ import annotations

import random

import pytest

from translate.glossary.tokens import fold_text
from translate.glossary.variants import (
    LONG_VOWELS,
    analyse,
    eligible,
    generate_variants,
    is_variant,
    variant_key,
)


def fold(text: str) -> str:
    return fold_text(text)[0]


VARIANTS = [
    ("شويجو", "شويغو"),  # g: غ / ج
    ("شويقو", "شويغو"),  # g: ق
    ("شويگو", "شويغو"),  # g: گ
    ("باتروشيڤ", "باتروشيف"),  # v: ف / ڤ
    ("پاتروشيف", "باتروشيف"),  # p: ب / پ
    ("باتروتشيف", "باتروشيف"),  # ch: ش / تش
    ("باتروچيف", "باتروشيف"),  # ch: چ
    ("بطرسبورغ", "بطرسبرغ"),  # long vowel present
    ("كزاخستان", "كازاخستان"),  # long vowel absent
    ("شانغهاي", "شنغهاي"),
    ("ريابكف", "ريابكوف"),
    ("سيرجي", "سيرغي"),
    ("ستولتنبيرغ", "ستولتنبرغ"),  # two edits allowed from eight letters on
    ("نيكولى", "نيكولي"),  # final ى / ي (normalisation)
]


@pytest.mark.parametrize(("text", "form"), VARIANTS)
def test_variants_are_recognised(text: str, form: str) -> None:
    assert is_variant(fold(text), fold(form))
    assert variant_key(fold(text)) == variant_key(fold(form))


NOT_VARIANTS = [
    ("كيف", "كييف"),  # too short for variants: كيف is "how"
    ("بيتون", "بوتين"),  # a vowel changed, not added or dropped
    ("شويغ", "شويغو"),  # the last letter is never dropped
    ("ويغو", "شويغو"),  # nor the first
    ("شغو", "شويغو"),  # two vowels dropped from a word under eight letters
    ("شويكو", "شويغو"),  # ك is not a g letter
    ("Shoigu", "شويغو"),
    ("ستلتنبييرغ", "ستولتنبرغ"),  # three edits
]


@pytest.mark.parametrize(("text", "form"), NOT_VARIANTS)
def test_non_variants_are_rejected(text: str, form: str) -> None:
    assert not is_variant(fold(text), fold(form))


def test_short_and_non_arabic_words_get_no_variants() -> None:
    assert not eligible("تاس") and not eligible("كييف") and not eligible("brics")
    assert eligible(fold("شويغو"))
    assert generate_variants("تاس") == []
    assert generate_variants("IRNA") == []


def test_listed_variants_of_shoigu() -> None:
    variants = generate_variants("شويغو", limit=None)
    assert {"شويجو", "شويقو", "شويگو"} <= set(variants)
    # Five letters: first letter and long vowels stay (see SHORT_WORD_LETTERS).
    assert not {"تشويغو", "شيغو", "شوغو"} & set(variants)
    assert "شويغو" not in variants
    assert len(variants) == len(set(variants))
    assert all(is_variant(fold(v), fold("شويغو")) for v in variants)


@pytest.mark.parametrize(
    ("text", "form"),
    [("لابد", "لابيد"), ("بادن", "بايدن"), ("جازان", "قازان"), ("جاينتس", "غانتس")],
)
def test_short_names_do_not_reach_common_words(text: str, form: str) -> None:
    assert not is_variant(fold(text), fold(form))


def test_longer_names_keep_their_vowel_variants() -> None:
    assert is_variant(fold("باتروشف"), fold("باتروشيف"))
    assert is_variant(fold("زاخاروفا"), fold("زخاروفا"))


def test_listing_puts_single_changes_first_and_respects_the_limit() -> None:
    variants = generate_variants("باتروشيف", limit=12)
    assert len(variants) == 12
    assert "پاتروشيف" in variants and "باتروشيڤ" in variants
    assert generate_variants("باتروشيف", limit=5) == variants[:5]


def test_multi_word_forms_vary_each_word() -> None:
    variants = generate_variants("سيرغي شويغو", limit=None)
    assert "سيرجي شويجو" in variants
    assert "سيرغي شويقو" in variants


def test_listing_keeps_hamza_letters_as_written() -> None:
    variants = generate_variants("أشتياني", limit=None)
    assert "أشتاني" in variants
    assert all(v.startswith("أ") for v in variants)


def _mutate(word: str, rng: random.Random) -> str:
    """One random change within the rules (class letter or one long vowel in or out)."""
    classes = ["غجقگ", "فڤ", "بپ"]
    chars = list(word)
    inner = range(1, len(chars) - 1)
    choice = rng.randrange(3)
    if choice == 0:
        for i in rng.sample(range(len(chars)), len(chars)):
            for members in classes:
                if chars[i] in members:
                    chars[i] = rng.choice(members)
                    return "".join(chars)
    if choice == 1:
        vowels = [i for i in inner if chars[i] in LONG_VOWELS]
        if vowels:
            del chars[rng.choice(vowels)]
            return "".join(chars)
    position = rng.randrange(1, len(chars))
    if chars[position - 1] in LONG_VOWELS or chars[position] in LONG_VOWELS or position == 1:
        return "".join(chars)
    chars.insert(position, rng.choice(LONG_VOWELS))
    return "".join(chars)


@pytest.mark.parametrize("word", ["باتروشيف", "كازاخستان", "غيراسيموف", "بريغوجين", "نتنياهو"])
def test_matcher_rule_and_listing_agree(word: str) -> None:
    rng = random.Random(word)
    listed = {fold(v) for v in generate_variants(word, limit=None)} | {fold(word)}
    for _ in range(200):
        mutated = _mutate(word, rng)
        assert is_variant(fold(mutated), fold(word)), mutated
        assert fold(mutated) in listed, mutated
    for variant in listed:
        assert is_variant(variant, fold(word)), variant


def test_variant_key_matches_the_full_analysis() -> None:
    rng = random.Random(1)
    letters = "ابتجحخدرزسشصطعغفقكلمنهويپچڤگ"
    for _ in range(2000):
        word = "".join(rng.choice(letters) for _ in range(rng.randint(2, 10)))
        analysis = analyse(word)
        assert analysis is not None
        assert variant_key(word) == analysis[0], word
    assert variant_key("abc") is None and analyse("abc") is None


def test_bulk_keys_equal_single_keys() -> None:
    from translate.glossary.variants import clear_caches, prime_variant_keys

    rng = random.Random(2)
    letters = "ابتجحخدرزسشصطعغفقكلمنهويپچڤگ"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    words += ["تش", "تشا", "اوباما", "نيكولاي", "abc", "ـــ"]
    clear_caches()
    single = [variant_key(w) for w in words]
    clear_caches()
    prime_variant_keys(words)
    assert [variant_key(w) for w in words] == single
    for word, key in zip(words, single, strict=True):
        analysis = analyse(word)
        assert key == (analysis[0] if analysis else None), word
