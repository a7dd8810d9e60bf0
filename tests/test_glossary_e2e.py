"""Glossary enforcement on the real CTranslate2 path, with random weights.

The synthetic model's output is noise, so it says nothing about fluency; it does test
the structure: every occurrence is either placed (its rendering stands in the output
as often as the sentence has the term) or reported as unplaced, never pasted into the
noise; the report says which; and a line's output does not depend on its neighbours.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from translate import TranslationOptions, Translator
from translate.enforce.renderings import rendering_counts
from translate.enforce.sources import enforceable_matches
from translate.glossary import load_glossaries

REPO = Path(__file__).resolve().parent.parent
NAMES = REPO / "benchmarks" / "data" / "names.ar"
METHODS = {"model", "replaced", "inserted", "injected", "ambiguous", "unplaced"}


@pytest.fixture(scope="module")
def glossary():  # type: ignore[no-untyped-def]
    return load_glossaries([], include_default=True)


def translator(model: Path, glossary: object, mode: str = "align") -> Translator:
    options = TranslationOptions(beam_size=2, max_decoding_length=16, glossary_mode=mode)  # type: ignore[arg-type]
    return Translator(model, options, glossary=glossary)  # type: ignore[arg-type]


def translate_all(
    model: Path, glossary: object, lines: list[str], mode: str = "align"
) -> list[str]:
    return [r.text for r in translator(model, glossary, mode).translate_lines(lines)]


@pytest.mark.parametrize("mode", ["inject", "align"])
def test_every_occurrence_is_placed_or_reported(
    tiny_model_dir: Path, glossary: object, mode: str
) -> None:
    lines = NAMES.read_text(encoding="utf-8").splitlines()[:60]
    results = list(translator(tiny_model_dir, glossary, mode).translate_lines(lines))
    placed = 0
    for result in results:
        matches = [m for report in result.report for m in report["matches"]]  # type: ignore[union-attr]
        assert {m["enforced"] for m in matches} <= METHODS
        placed_here = [m for m in matches if m["enforced"] not in ("unplaced", "ambiguous")]
        expected = Counter(str(m["rendering"]) for m in placed_here)
        counts = rendering_counts(result.text, expected)
        for rendering, count in expected.items():
            assert counts[rendering] >= count, (result.text, rendering)
        placed += sum(1 for m in matches if m["enforced"] in ("replaced", "inserted", "injected"))
    assert sum(len(r.report) for r in results) > 40
    assert placed > 0


def test_output_does_not_depend_on_the_neighbours(tiny_model_dir: Path, glossary: object) -> None:
    lines = NAMES.read_text(encoding="utf-8").splitlines()[:40]
    whole = translate_all(tiny_model_dir, glossary, lines)
    one_by_one = [translate_all(tiny_model_dir, glossary, [line])[0] for line in lines]
    order = list(range(len(lines)))
    random.Random(3).shuffle(order)
    shuffled = translate_all(tiny_model_dir, glossary, [lines[i] for i in order])
    assert one_by_one == whole
    assert [shuffled[order.index(i)] for i in range(len(lines))] == whole


def test_sample_article(tiny_model_dir: Path, glossary: object, shared_data: Path) -> None:
    lines = (shared_data / "sample-news.ar.txt").read_text(encoding="utf-8").splitlines()
    outputs = translate_all(tiny_model_dir, glossary, lines)
    assert len(outputs) == len(lines)
    matcher = glossary.matcher()  # type: ignore[attr-defined]
    expected = [[m.rendering for m in matcher.find(line)] for line in lines]
    found = Counter(r for e in expected for r in e)
    for name in ("Shoigu", "Nikolai Patrushev", "Sergei Ryabkov", "BRICS", "TASS", "Press TV"):
        assert any(name in r for r in found), name


def test_report_names_each_match_and_how_it_was_enforced(
    tiny_model_dir: Path, glossary: object, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from translate.cli import app

    report = tmp_path / "report.jsonl"
    result = CliRunner().invoke(
        app,
        ["--model", str(tiny_model_dir), "--max-decoding-length", "12", "--report", str(report)],
        input="التقى شويغو وباتروشيف في موسكو.\n\nلا أسماء هنا.\n".encode(),
    )
    assert result.exit_code == 0, result.output
    entries = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    # Line 3 has no match; a report of it can only be its quality flags.
    assert [e["line"] for e in entries if e["matches"]] == [1]
    assert [e["line"] for e in entries if not e["matches"]] == [3]
    assert all(e["flags"] for e in entries if not e["matches"])
    assert all(e["schema"] == 2 for e in entries)
    matches = entries[0]["matches"]
    assert [m["rendering"] for m in matches] == ["Shoigu", "Patrushev", "Moscow"]
    assert matches[1]["clitic"] == "و"
    assert all(m["enforced"] in METHODS for m in matches)


def test_protected_spans_hide_their_terms(glossary: object) -> None:
    matches = enforceable_matches(glossary.matcher(), "تابعوا #روسيا و www.shoigu.ru عن شويغو")  # type: ignore[attr-defined]
    assert [m.rendering for m in matches] == ["Shoigu"]


def test_terms_inside_protected_spans_stay_as_written(
    tiny_model_dir: Path, glossary: object
) -> None:
    outputs = translate_all(tiny_model_dir, glossary, ["تابعوا #روسيا للمزيد عن شويغو"])
    assert outputs[0].count("#روسيا") == 1
    assert "Russia" not in outputs[0].replace("#روسيا", "")
