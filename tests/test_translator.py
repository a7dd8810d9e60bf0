"""The real CTranslate2 path on the tiny synthetic model (random weights: structure only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate import TranslationOptions, Translator
from translate.errors import ModelNotFoundError

LINES = [
    "قال الوزير إن المحادثات ستستمر. وأضاف أن الاجتماع المقبل في موسكو.",
    "",
    "   ",
    "زوروا https://example.com/news?id=5 أو راسلونا على info@example.org",
    "Latin only line with numbers 42.",
    "مرحبا",
]


@pytest.fixture(scope="module")
def translator(tiny_model_dir: Path) -> Translator:
    return Translator(tiny_model_dir, TranslationOptions(beam_size=2, max_decoding_length=24))


def test_one_result_per_line_in_order(translator: Translator) -> None:
    results = list(translator.translate_lines(LINES))
    assert [r.source for r in results] == LINES
    assert results[1].text == "" and results[2].text == "   "
    assert results[0].sentences == 2
    assert all("\n" not in r.text for r in results)


def test_protected_spans_come_through_verbatim(translator: Translator) -> None:
    (result,) = translator.translate_lines([LINES[3]])
    assert result.text.count("https://example.com/news?id=5") == 1
    assert result.text.count("info@example.org") == 1


def test_deterministic(translator: Translator) -> None:
    first = [r.text for r in translator.translate_lines(LINES)]
    second = [
        r.text for r in Translator(translator.model.path, translator.options).translate_lines(LINES)
    ]
    assert first == second


def test_results_carry_their_signature(translator: Translator) -> None:
    (result,) = translator.translate_lines(["مرحبا"])
    assert result.signature["model"] == translator.model.name
    assert result.signature["options"] == translator.options.digest()
    assert result.signature["compute_type"] == "int8"


def test_identical_sentences_are_translated_once(tiny_model_dir: Path) -> None:
    translator = Translator(tiny_model_dir, TranslationOptions(max_decoding_length=8))
    results = list(translator.translate_lines(["نفس الجملة."] * 20 + ["جملة أخرى."]))
    assert len({r.text for r in results[:20]}) == 1
    assert translator.sentence_translator.decoded_sentences == 2


def test_a_megabyte_line_is_translated_completely(tiny_model_dir: Path) -> None:
    translator = Translator(
        tiny_model_dir, TranslationOptions(beam_size=1, max_decoding_length=2, batch_tokens=8192)
    )
    line = "هذه جملة عربية قصيرة" + " كلمة" * 30 + ". "
    big = line * (1_000_000 // len(line.encode()))
    (result,) = translator.translate_lines([big])
    assert result.sentences == big.count(". ")


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=r"unknown model .no-such-model."):
        Translator("no-such-model", models_dir=tmp_path, offline=True)


def test_incomplete_model_dir_says_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"")
    with pytest.raises(ModelNotFoundError, match=r"config\.json"):
        Translator(tmp_path)
