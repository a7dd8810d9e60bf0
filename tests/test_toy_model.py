"""The bundled toy model really translates its closed world, gets unseen names wrong,
and the glossary repairs exactly those names (see models/toy-news/MODEL_CARD.md)."""

from __future__ import annotations

import json
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pytest
import sacrebleu

from translate import TranslationOptions, Translator
from translate.evaluation.scoring import term_metrics
from translate.glossary import load_glossaries
from translate.resources import models_resource_dir

TOY_DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "toy" / "data"
pytestmark = pytest.mark.skipif(
    not (models_resource_dir() / "toy-news" / "model.bin").is_file(),
    reason="the toy model is not built",
)


def lines(name: str) -> list[str]:
    return (TOY_DATA / name).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def toy_glossary():  # type: ignore[no-untyped-def]
    return load_glossaries([TOY_DATA / "glossary.yaml"], include_default=False)


@pytest.fixture(scope="module")
def plain_outputs() -> list[str]:
    return [r.text for r in Translator("toy-news").translate_lines(lines("test.ar"))]


def glossary_outputs(glossary: object, mode: str) -> tuple[list[str], list[dict]]:
    translator = Translator("toy-news", TranslationOptions(glossary_mode=mode), glossary=glossary)
    results = list(translator.translate_lines(lines("test.ar")))
    return [r.text for r in results], [
        m for r in results for rep in r.report for m in rep["matches"]
    ]


def held_out_renderings() -> list[list[str]]:
    out = []
    for line in lines("test.terms.jsonl"):
        terms = json.loads(line)["terms"]
        out.append([t["english"] for t in terms if t["held_out"]])
    return out


def test_it_really_translates_its_world(plain_outputs: list[str]) -> None:
    references = lines("test.en")
    known = [i for i, names in enumerate(held_out_renderings()) if not names]
    bleu = sacrebleu.corpus_bleu(
        [plain_outputs[i] for i in known], [[references[i] for i in known]]
    )
    assert bleu.score > 60, bleu


def test_unseen_names_come_out_wrong_without_a_glossary(
    plain_outputs: list[str], toy_glossary: object
) -> None:
    expected = held_out_renderings()
    scores = term_metrics(plain_outputs, expected, [e.english for e in toy_glossary.entries])  # type: ignore[attr-defined]
    assert scores.occurrences > 100
    assert scores.accuracy < 0.2  # measured 0.0: the model substitutes or mangles them


@pytest.mark.parametrize("mode", ["inject", "align"])
def test_glossary_fixes_exactly_the_names(
    plain_outputs: list[str], toy_glossary: object, mode: str
) -> None:
    outputs, matches = glossary_outputs(toy_glossary, mode)
    matcher = toy_glossary.matcher()  # type: ignore[attr-defined]
    expected = [[m.rendering for m in matcher.find(line)] for line in lines("test.ar")]
    scores = term_metrics(outputs, expected, [e.english for e in toy_glossary.entries])  # type: ignore[attr-defined]
    assert scores.accuracy == 1.0 and scores.occurrences > 100
    renderings = {e.english for e in toy_glossary.entries}  # type: ignore[attr-defined]
    for plain, fixed in zip(plain_outputs, outputs, strict=True):
        # No collateral damage: outside the renderings, the words are the model's own.
        opcodes = SequenceMatcher(None, plain.split(), fixed.split(), autojunk=False).get_opcodes()
        for tag, _, _, first, last in opcodes:
            if tag == "equal":
                continue
            changed = " ".join(fixed.split()[first:last])
            for rendering in sorted(renderings, key=len, reverse=True):
                changed = changed.replace(rendering, "")
            assert tag != "delete" and not changed.strip(" .,"), (plain, fixed)
    methods = Counter(m["enforced"] for m in matches)
    assert set(methods) <= {"copied", "aligned", "redecoded", "inserted"}
    # Nearly every name is found where the model put its own (a handful are inserted).
    assert methods["aligned"] + methods["copied"] >= 0.95 * sum(methods.values())
    if mode == "inject":
        assert methods["copied"] > 0  # the model copies some injected Latin names


def test_eval_measures_the_glossary_gain_reproducibly(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from translate.cli import app

    def run(out: Path) -> dict:
        result = CliRunner().invoke(
            app,
            [
                "eval",
                "--src",
                str(TOY_DATA / "test.ar"),
                "--ref",
                str(TOY_DATA / "test.en"),
                "-m",
                "toy-news",
                "-g",
                str(TOY_DATA / "glossary.yaml"),
                "--compare-glossary",
                "--bootstrap",
                "200",
                "--json",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.output
        return json.loads(out.read_text(encoding="utf-8"))

    first = run(tmp_path / "a.json")
    without, with_glossary = first["systems"]
    assert with_glossary["scores"]["BLEU"]["score"] > without["scores"]["BLEU"]["score"]
    assert with_glossary["terms"]["accuracy"] == 1.0 > without["terms"]["accuracy"]
    second = run(tmp_path / "b.json")
    for a, b in zip(first["systems"], second["systems"], strict=True):
        assert a["scores"] == b["scores"] and a.get("significance") == b.get("significance")
