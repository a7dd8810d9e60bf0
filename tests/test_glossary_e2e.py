"""The glossary guarantee on the real CTranslate2 path.

The synthetic model has random weights, so its output is noise; the glossary layer must
still put every matched term's rendering into the output exactly once per occurrence.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from translate import TranslationOptions, Translator
from translate.enforce.placement import GlossaryHook, counts_ok
from translate.evaluation.scoring import term_metrics
from translate.glossary import load_glossaries

REPO = Path(__file__).resolve().parent.parent
NAMES = REPO / "benchmarks" / "data" / "names.ar"


@pytest.fixture(scope="module")
def glossary():  # type: ignore[no-untyped-def]
    return load_glossaries([], include_default=True)


def translate_all(
    model: Path, glossary: object, lines: list[str], mode: str = "inject"
) -> list[str]:
    options = TranslationOptions(beam_size=2, max_decoding_length=16)
    translator = Translator(model, options.with_changes(glossary_mode=mode), glossary=glossary)
    return [r.text for r in translator.translate_lines(lines)]


@pytest.mark.parametrize("mode", ["inject", "align"])
def test_every_matched_term_is_rendered_exactly_once(
    tiny_model_dir: Path, glossary: object, mode: str
) -> None:
    lines = NAMES.read_text(encoding="utf-8").splitlines()[:80]
    outputs = translate_all(tiny_model_dir, glossary, lines, mode)
    matcher = glossary.matcher()  # type: ignore[attr-defined]
    expected = [[m.rendering for m in matcher.find(line)] for line in lines]
    assert sum(len(e) for e in expected) > 80
    for output, renderings in zip(outputs, expected, strict=True):
        assert counts_ok(output, Counter(renderings)), (output, renderings)
    scores = term_metrics(outputs, expected, [e.english for e in glossary.entries])  # type: ignore[attr-defined]
    assert scores.accuracy == 1.0


def test_sample_article(tiny_model_dir: Path, glossary: object, shared_data: Path) -> None:
    lines = (shared_data / "sample-news.ar.txt").read_text(encoding="utf-8").splitlines()
    outputs = translate_all(tiny_model_dir, glossary, lines)
    assert len(outputs) == len(lines)
    matcher = glossary.matcher()  # type: ignore[attr-defined]
    expected = [[m.rendering for m in matcher.find(line)] for line in lines]
    found = Counter(r for e in expected for r in e)
    for name in ("Shoigu", "Nikolai Patrushev", "Sergei Ryabkov", "BRICS", "TASS", "Press TV"):
        assert any(name in r for r in found), name
    scores = term_metrics(outputs, expected, [e.english for e in glossary.entries])  # type: ignore[attr-defined]
    assert scores.accuracy == 1.0


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
    assert [e["line"] for e in entries] == [1]
    matches = entries[0]["matches"]
    assert [m["rendering"] for m in matches] == ["Shoigu", "Patrushev", "Moscow"]
    assert matches[1]["clitic"] == "و"
    assert all(m["enforced"] in ("copied", "aligned", "redecoded", "inserted") for m in matches)


def test_injected_source_keeps_particles_and_drops_the_article(glossary: object) -> None:
    from translate.engine.tokenizer import Tokenizer

    hook = GlossaryHook(glossary, Tokenizer.__new__(Tokenizer), mode="inject")
    source, state = hook.prepare("وقال والبريكس ولباتروشيف")
    assert "BRICS" in source and "ال" not in source.split()
    assert source.split()[:2] == ["وقال", "و"]
    assert state is not None and len(state.occurrences) == 2


def test_terms_inside_protected_spans_stay_as_written(
    tiny_model_dir: Path, glossary: object
) -> None:
    outputs = translate_all(tiny_model_dir, glossary, ["تابعوا #روسيا للمزيد عن شويغو"])
    assert outputs[0].count("#روسيا") == 1
    assert "Russia" not in outputs[0].replace("#روسيا", "") and "Shoigu" in outputs[0]
