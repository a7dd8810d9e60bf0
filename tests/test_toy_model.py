"""The bundled toy model really translates its closed world, gets unseen names wrong,
and the glossary repairs exactly those names (see models/toy-news/MODEL_CARD.md)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import sacrebleu

from translate import TranslationOptions, Translator
from translate.enforce.sources import enforceable_matches
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
    # With the default glossary, as users run it.
    return load_glossaries([TOY_DATA / "glossary.yaml"])


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


def damaged_words(plain: str, fixed: str, reference: str, names: set[str]) -> list[str]:
    """Words outside the names that the glossary damaged, word for word as multisets
    (nothing stripped first): a word the plain output had right that is gone, or an
    added word that neither the plain output nor the reference has."""
    before, after, ref = Counter(plain.split()), Counter(fixed.split()), Counter(reference.split())
    damaged = []
    for word in set(before) | set(after):
        if word.strip(".,") in names:
            continue
        lost = min(ref[word], before[word]) - after[word]
        added = after[word] - max(before[word], ref[word])
        damaged += [f"-{word}"] * max(0, lost) + [f"+{word}"] * max(0, added)
    return damaged


@pytest.mark.parametrize("mode", ["inject", "align"])
def test_glossary_fixes_the_names_and_nothing_else(
    plain_outputs: list[str], toy_glossary: object, mode: str
) -> None:
    outputs, matches = glossary_outputs(toy_glossary, mode)
    matcher = toy_glossary.matcher()  # type: ignore[attr-defined]
    expected = [[m.rendering for m in enforceable_matches(matcher, x)] for x in lines("test.ar")]
    scores = term_metrics(outputs, expected, [e.english for e in toy_glossary.entries])  # type: ignore[attr-defined]
    assert scores.occurrences > 100
    # Measured 0.98: names the model dropped where no continuation keeps the sentence
    # stay unplaced (and are reported), never pasted.
    assert scores.accuracy >= 0.96
    names = {w for e in toy_glossary.entries for w in e.english.split()}  # type: ignore[attr-defined]
    damaged = [
        (plain, fixed)
        for plain, fixed, reference in zip(plain_outputs, outputs, lines("test.en"), strict=True)
        if damaged_words(plain, fixed, reference, names)
    ]
    assert len(damaged) <= 0.02 * len(outputs), damaged
    methods = Counter(m["enforced"] for m in matches)
    assert set(methods) <= {"model", "replaced", "inserted", "injected", "unplaced"}
    # Almost every name goes where the model put its own; a handful were dropped.
    assert methods["replaced"] + methods["model"] + methods["injected"] >= 0.95 * sum(
        methods.values()
    )


def test_the_readme_demo() -> None:
    translator = Translator("toy-news", glossary=load_glossaries([]))
    (result,) = translator.translate_lines(["وصل باتروشيف إلى طهران يوم الأحد."])
    assert result.text.startswith("Patrushev arrived in Tehran on Sunday")


def test_the_same_line_translates_the_same_whatever_its_neighbours(
    toy_glossary: object,
) -> None:
    source = lines("test.ar")[100:160]
    translator = Translator("toy-news", glossary=toy_glossary)  # type: ignore[arg-type]
    whole = [r.text for r in translator.translate_lines(source)]
    alone = [
        next(Translator("toy-news", glossary=toy_glossary).translate_lines([line])).text  # type: ignore[arg-type]
        for line in source[:12]
    ]
    assert alone == whole[:12]
    reordered = [r.text for r in translator.translate_lines(source[::-1])]
    assert reordered[::-1] == whole


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
    assert with_glossary["terms"]["accuracy"] >= 0.97 > without["terms"]["accuracy"]
    second = run(tmp_path / "b.json")
    for a, b in zip(first["systems"], second["systems"], strict=True):
        assert a["scores"] == b["scores"] and a.get("significance") == b.get("significance")
