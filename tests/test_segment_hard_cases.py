"""Sentence splitting on hard cases, and boundary F1 on the shared real data.

``tests/data/segment_hard_cases.jsonl`` holds one case a line: ``text``, the expected
``sentences``, a ``kind`` and ``defect`` (true where the splitter before the fix got it
wrong, so the case guards that fix; false where it guards behaviour that already
worked). The sentences are written for this set, not taken from any corpus.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from translate.text.normalize import normalize_text
from translate.text.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]
CASES_FILE = ROOT / "tests" / "data" / "segment_hard_cases.jsonl"
BENCHMARK = ROOT / "benchmarks" / "segmentation.py"


def _cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines()]


CASES = _cases()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hard_case(case: dict[str, Any]) -> None:
    assert split_sentences(case["text"]) == case["sentences"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hard_case_after_normalisation(case: dict[str, Any]) -> None:
    # The pipeline splits normalised text (no tatweel, no diacritics): same cut.
    expected = [normalize_text(s) for s in case["sentences"]]
    assert split_sentences(normalize_text(case["text"])) == expected


def test_the_set_covers_every_kind_of_hard_case() -> None:
    assert len(CASES) >= 40
    assert len({c["id"] for c in CASES}) == len(CASES)
    kinds = Counter(c["kind"] for c in CASES)
    for kind in (
        "semicolon",
        "quote_attribution",
        "latin_letter",
        "arabic_abbreviation",
        "list_marker",
        "missing_space",
        "ellipsis",
        "decimal",
        "initial",
        "latin_abbreviation",
        "url",
        "email",
    ):
        assert kinds[kind] >= 1, kind
    assert sum(c["defect"] for c in CASES) >= 20
    for case in CASES:
        joined = "".join(case["sentences"]).replace(" ", "")
        assert joined == case["text"].replace(" ", ""), case["id"]


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("segmentation_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_regex_baseline_is_the_plain_regex() -> None:
    baseline = _benchmark().regex_baseline
    assert baseline('قال: "انتهى." ثم د. محمد؟ نعم') == ['قال: "انتهى."', "ثم د.", "محمد؟", "نعم"]


def test_boundary_f1_on_real_documents(shared_data: Path) -> None:
    benchmark = _benchmark()
    corpora = benchmark.evaluate(shared_data)
    for name in ("news", "wikipedia"):
        ours, regex = corpora[name]["ours"], corpora[name]["regex"]
        f1 = ours.as_json(0)["f1"]
        assert f1 >= 0.998, (name, ours.errors)
        assert f1 >= regex.as_json(0)["f1"], name
    tico = corpora["tico19"]
    assert tico["ours"].as_json(0)["f1"] > tico["regex"].as_json(0)["f1"]
