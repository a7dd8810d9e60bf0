"""SentencePiece handling for the two layouts a model can have."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate import TranslationOptions, Translator
from translate.engine.tokenizer import Tokenizer
from translate.models.directory import open_model_directory

from .conftest import load_synthetic_builder


@pytest.fixture(scope="module")
def shared_spm_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from translate.models.install import install_from_archive

    work = tmp_path_factory.mktemp("shared-spm")
    archive = load_synthetic_builder().build_synthetic_archive(
        "tiny", work / "shared.zip", seed=1, shared_spm=True
    )
    return install_from_archive(Path(archive), "synthetic-shared", work / "models")


def test_separate_models_round_trip(tiny_model_dir: Path) -> None:
    tokenizer = Tokenizer.for_model(open_model_directory(tiny_model_dir))
    pieces = tokenizer.encode_source("قال الوزير")
    assert pieces and all(isinstance(p, str) for p in pieces)
    assert tokenizer.count_source("قال الوزير") == len(pieces)
    english = tokenizer.encode_target("the minister said")
    assert tokenizer.decode_target(english) == "the minister said"


def test_source_spans_match_whole_encoding(tiny_model_dir: Path) -> None:
    tokenizer = Tokenizer.for_model(open_model_directory(tiny_model_dir))
    segments = ["التقى", "Shoigu", "في موسكو"]
    spans = tokenizer.source_spans(segments)
    whole = tokenizer.encode_source(" ".join(segments))
    assert spans[-1][1] == len(whole)
    assert [p for a, b in spans for p in whole[a:b]] == whole


def test_group_words_follows_word_markers() -> None:
    tokenizer = Tokenizer.__new__(Tokenizer)
    assert tokenizer.group_words(["▁Sho", "ig", "u", "▁said", "."]) == [[0, 1, 2], [3, 4]]


def test_model_with_one_shared_sentencepiece_model(shared_spm_model: Path) -> None:
    model = open_model_directory(shared_spm_model)
    translator = Translator(model.path, TranslationOptions(max_decoding_length=8))
    results = list(translator.translate_lines(["مرحبا", "", "شكرا جزيلا"]))
    assert len(results) == 3 and results[1].text == ""
