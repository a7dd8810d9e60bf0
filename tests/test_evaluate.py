import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from translate.errors import EvaluationError
from translate.evaluation.report import (
    SCHEMA_VERSION,
    git_commit,
    render_markdown,
    render_table,
    write_json,
)
from translate.evaluation.scoring import (
    SystemSpec,
    evaluate_hypotheses,
    evaluate_systems,
    paired_bootstrap,
    score_corpus,
    term_metrics,
)
from translate.evaluation.testsets import EvalData, load_eval_data, read_text_lines

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
FLORES_EN = SHARED / "flores-dev.en"


def sacrebleu_cli(
    refs: list[Path], hyp: Path, *extra: str, env: dict[str, str] | None = None
) -> Any:
    """What the `sacrebleu` command prints, as JSON, at full precision."""
    done = subprocess.run(
        [sys.executable, "-m", "sacrebleu", *map(str, refs), "-i", str(hyp), "-w", "10", *extra],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return json.loads(done.stdout)


def write_lines(path: Path, lines: Iterable[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")
    return path


REF_A = [
    "The minister met his Iranian counterpart in Tehran on Friday.",
    "Prices rose by 3.5% in March, the agency said.",
    "",
    "COVID-19 cases fell for the third week in a row.",
    'He said: "We will not accept this."',
]
REF_B = [
    "On Friday the minister met his Iranian counterpart in Tehran.",
    "The agency said prices went up 3.5% in March.",
    "",
    "Covid-19 cases dropped for a third straight week.",
    '"We will not accept this," he said.',
]
HYP = [
    "The minister met the Iranian counterpart at Tehran on Friday .",
    "prices rose 3.5 % in March, said the agency",
    "Nothing here.   ",
    "COVID-19 cases fell for third week in row.",
    "",
]

PAIRS = {
    "identical": (HYP, [HYP]),
    "one-reference": (HYP, [REF_A]),
    "two-references": (HYP, [REF_A, REF_B]),
    "swapped": (REF_B, [REF_A]),
}


def assert_equals_cli(tmp_path: Path, hyps: list[str], refs: list[list[str]]) -> None:
    hyp_file = write_lines(tmp_path / "hyp.txt", hyps)
    ref_files = [write_lines(tmp_path / f"ref{i}.txt", r) for i, r in enumerate(refs)]
    cli = sacrebleu_cli(ref_files, hyp_file, "-m", "bleu", "chrf", "ter", "--chrf-word-order", "2")
    ours = score_corpus(
        read_text_lines(hyp_file, "h"), [read_text_lines(p, "r") for p in ref_files]
    )
    assert [c["name"] for c in cli] == list(ours)
    for entry in cli:
        mine = ours[entry["name"]]
        assert round(mine.score, 10) == pytest.approx(entry["score"], abs=1e-9)
        assert mine.signature == entry["signature"]
        assert f"{mine.score:.1f}" == f"{entry['score']:.1f}"


@pytest.mark.parametrize("case", sorted(PAIRS))
def test_scores_equal_the_sacrebleu_command_on_hand_made_pairs(tmp_path: Path, case: str) -> None:
    hyps, refs = PAIRS[case]
    assert_equals_cli(tmp_path, hyps, refs)


def perturb(lines: list[str]) -> list[str]:
    out = []
    for i, line in enumerate(lines):
        words = line.split()
        if i % 3 == 0:
            words[:2] = words[1::-1]
        elif i % 3 == 1:
            words = words[: max(1, len(words) // 2)]
        else:
            words = ["a" if w == "the" else w for w in words]
        out.append(" ".join(words))
    return out


@pytest.mark.skipif(not FLORES_EN.is_file(), reason="../shared/data is not available")
@pytest.mark.parametrize("perturbed", [False, True], ids=["itself", "perturbed"])
def test_scores_equal_the_sacrebleu_command_on_flores(tmp_path: Path, perturbed: bool) -> None:
    ref = read_text_lines(FLORES_EN, "reference")[:300]
    assert_equals_cli(tmp_path, perturb(ref) if perturbed else ref, [ref])


def test_score_corpus_rejects_misaligned_references() -> None:
    with pytest.raises(EvaluationError, match="2 lines but a reference has 1"):
        score_corpus(["a", "b"], [["a"]])


# -- term metrics ---------------------------------------------------------------------------

GLOSSARY = ["Shoigu", "Patrushev", "Ministry of Health", "Health", "Iran", "BRICS"]


@pytest.mark.parametrize(
    ("hyps", "expected", "scores"),
    [
        # (occurrences, matched, renderings in output, supported)
        (["Shoigu met Patrushev."], [["Shoigu", "Patrushev"]], (2, 2, 2, 2)),
        (["Shoigu met Patrushev."], [["Shoigu"]], (1, 1, 2, 1)),
        (["Shoygu met him."], [["Shoigu"]], (1, 0, 0, 0)),
        # multiplicity: two source occurrences need two in the output
        (["Shoigu said Shoigu would come."], [["Shoigu", "Shoigu"]], (2, 2, 2, 2)),
        (["Shoigu said he would come."], [["Shoigu", "Shoigu"]], (2, 1, 1, 1)),
        (["Shoigu, Shoigu and Shoigu."], [["Shoigu"]], (1, 1, 3, 1)),
        # whole words only and case-sensitive
        (["The Iranian side agreed."], [["Iran"]], (1, 0, 0, 0)),
        (["the shoigu visit"], [["Shoigu"]], (1, 0, 0, 0)),
        # longest rendering wins in the output; the shorter one inside it is not counted
        (["The Ministry of Health said so."], [["Ministry of Health"]], (1, 1, 1, 1)),
        (["The Ministry of Health said so."], [["Health"]], (1, 1, 1, 0)),
        # lines are independent: a term in another line does not count
        (["BRICS met.", "They met."], [[], ["BRICS"]], (1, 0, 1, 0)),
        (["Nothing at all."], [[]], (0, 0, 0, 0)),
    ],
)
def test_term_metrics_on_hand_computed_cases(
    hyps: list[str], expected: list[list[str]], scores: tuple[int, int, int, int]
) -> None:
    result = term_metrics(hyps, expected, GLOSSARY)
    assert (
        result.occurrences,
        result.matched,
        result.output_renderings,
        result.supported,
    ) == scores
    occ, matched, out, sup = scores
    assert result.accuracy == (matched / occ if occ else None)
    assert result.precision == (sup / out if out else None)


def test_term_metrics_lists_misses_and_unsupported_renderings() -> None:
    result = term_metrics(
        ["Shoigu met Ryabkov in Iran.", "BRICS"],
        [["Shoigu", "Patrushev"], []],
        [*GLOSSARY, "Ryabkov"],
    )
    assert result.missed == ((0, "Patrushev"),)
    assert set(result.unsupported) == {(0, "Ryabkov"), (0, "Iran"), (1, "BRICS")}
    assert result.accuracy == 0.5 and result.precision == 0.25


def test_term_metrics_needs_one_expectation_list_per_line() -> None:
    with pytest.raises(ValueError, match="1 lines of expected terms for 2 lines"):
        term_metrics(["a", "b"], [[]], GLOSSARY)


# -- paired bootstrap -----------------------------------------------------------------------

SYSTEMS = [("base", HYP), ("refb", REF_B), ("refa", REF_A)]


def test_bootstrap_is_reproducible_with_a_seed() -> None:
    first = paired_bootstrap(SYSTEMS, [REF_A], samples=200, seed=3)
    again = paired_bootstrap(SYSTEMS, [REF_A], samples=200, seed=3)
    other = paired_bootstrap(SYSTEMS, [REF_A], samples=200, seed=4)
    assert first == again
    assert first != other
    assert first["base"]["BLEU"].p_value is None
    assert all(first[name]["BLEU"].p_value is not None for name in ("refb", "refa"))
    assert 0 < first["refa"]["chrF2++"].p_value <= 1  # type: ignore[operator]
    assert paired_bootstrap(SYSTEMS, [REF_A], samples=50, seed=0) == paired_bootstrap(
        SYSTEMS, [REF_A], samples=50, seed=0
    )


def test_bootstrap_equals_the_sacrebleu_command(tmp_path: Path) -> None:
    hyp_files = [write_lines(tmp_path / f"{name}.txt", lines) for name, lines in SYSTEMS]
    ref = write_lines(tmp_path / "ref.txt", REF_A)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sacrebleu",
            str(ref),
            "-i",
            *map(str, hyp_files),
            "-m",
            "bleu",
            "--paired-bs",
            "--paired-bs-n",
            "200",
            "--no-color",
            "-w",
            "10",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "SACREBLEU_SEED": "7"},
    )
    cli = json.loads(done.stdout)
    ours = paired_bootstrap(SYSTEMS, [REF_A], samples=200, seed=7)
    for entry, (name, _) in zip(cli, SYSTEMS, strict=True):
        mine = ours[name]["BLEU"]
        assert mine.score == pytest.approx(entry["BLEU"]["score"], abs=1e-9)
        assert mine.mean == pytest.approx(entry["BLEU"]["mean"], abs=1e-9)
        assert mine.ci == pytest.approx(entry["BLEU"]["ci"], abs=1e-9)
        assert mine.p_value == entry["BLEU"]["p_value"]


def test_bootstrap_needs_two_systems() -> None:
    with pytest.raises(ValueError, match="at least two systems"):
        paired_bootstrap(SYSTEMS[:1], [REF_A])


# -- translating systems with fakes ---------------------------------------------------------

WORDS = {"شويغو": "Shoigu", "التقى": "met", "باتروشيف": "Patrushev", "في": "in", "طهران": "Tehran"}
SOURCE = ["التقى شويغو باتروشيف", "التقى شويغو في طهران", "في طهران"]
REFERENCE = ["Shoigu met Patrushev", "Shoigu met in Tehran", "in Tehran"]


@dataclass(frozen=True)
class Line:
    text: str
    target_tokens: int


@dataclass(frozen=True)
class FakeOptions:
    beam_size: int = 4
    path: Path = Path("/models")


@dataclass
class FakeModel:
    manifest: dict[str, Any] = field(
        default_factory=lambda: {"name": "fake", "quantization": "int8"}
    )


class FakeTranslator:
    """Word-for-word; drops names it has no glossary for, like a model meeting unseen names."""

    def __init__(self, glossary: Any, lazy: bool = False) -> None:
        self.glossary = glossary
        self.options = FakeOptions()
        self.model = FakeModel()
        self.lazy = lazy
        self.load_seconds = 0.0 if lazy else 0.25

    def signature(self) -> dict[str, Any]:
        return {"model": "fake", "glossary": getattr(self.glossary, "digest", None)}

    def translate_lines(self, lines: Iterable[str]) -> Iterator[Line]:
        if self.lazy:
            self.load_seconds = 0.5
        for line in lines:
            words = [WORDS[w] for w in line.split() if self.glossary or w != "باتروشيف"]
            yield Line(" ".join(words), len(words) + 1)


@dataclass(frozen=True)
class Entry:
    english: str
    ignore: bool = False


@dataclass(frozen=True)
class Match:
    rendering: str
    start: int = 0
    end: int = 0

    @property
    def entry(self) -> Entry:
        return Entry(self.rendering)


class FakeMatcher:
    def __init__(self, forms: dict[str, str]) -> None:
        self.forms = forms

    def find(self, text: str) -> list[Match]:
        return [Match(self.forms[w]) for w in text.split() if w in self.forms]


@dataclass(frozen=True)
class FakeGlossary:
    forms: dict[str, str] = field(
        default_factory=lambda: {"شويغو": "Shoigu", "باتروشيف": "Patrushev"}
    )
    digest: str = "g-digest-1"

    @property
    def entries(self) -> list[Entry]:
        return [Entry(e) for e in sorted(set(self.forms.values()))]

    def matcher(self) -> FakeMatcher:
        return FakeMatcher(self.forms)


def data_of(source: list[str], reference: list[str]) -> EvalData:
    return EvalData(references=(tuple(reference),), source=tuple(source), total_lines=len(source))


def test_evaluate_systems_times_scores_and_compares() -> None:
    built: list[tuple[str, bool]] = []

    def factory(spec: SystemSpec, glossary: Any) -> FakeTranslator:
        built.append((spec.model, glossary is not None))
        return FakeTranslator(glossary)

    report = evaluate_systems(
        data_of(SOURCE, REFERENCE),
        [SystemSpec("toy", False), SystemSpec("toy", True)],
        system_factory=factory,
        glossary=FakeGlossary(),
        glossary_files=["names.yaml"],
        bootstrap=100,
        seed=1,
    )
    assert built == [("toy", False), ("toy", True)]
    plain, with_glossary = report.systems
    assert [s.config.name for s in report.systems] == ["toy", "toy+glossary"]
    assert plain.hypotheses[0] == "met Shoigu"
    assert plain.terms is not None and with_glossary.terms is not None
    assert (plain.terms.occurrences, plain.terms.matched) == (3, 2)
    assert with_glossary.terms.accuracy == 1.0 and with_glossary.terms.precision == 1.0
    assert plain.glossary_digest is None and with_glossary.glossary_digest == "g-digest-1"
    assert plain.speed is not None
    assert plain.speed.load_seconds == 0.25
    assert (plain.speed.sentences, plain.speed.target_tokens) == (3, 3 + 5 + 3)
    assert plain.manifest == {"name": "fake", "quantization": "int8"}
    assert plain.config.options == {"beam_size": 4, "path": "/models"}
    assert with_glossary.config.signature == {"model": "fake", "glossary": "g-digest-1"}
    assert with_glossary.significance is not None
    assert with_glossary.significance["BLEU"].p_value is not None
    assert report.bootstrap_samples == 100 and report.seed == 1
    assert report.glossary_entries == 2


class SlowToBuild(FakeTranslator):
    """Reports no load time of its own (a backend handed in), yet takes time to build."""

    def __init__(self, glossary: Any) -> None:
        time.sleep(0.05)
        super().__init__(glossary)
        self.load_seconds = 0.0


def test_every_system_records_its_own_load_time() -> None:
    report = evaluate_systems(
        data_of(SOURCE, REFERENCE),
        [SystemSpec("toy"), SystemSpec("other")],
        system_factory=lambda spec, g: FakeTranslator(g) if spec.model == "toy" else SlowToBuild(g),
        bootstrap=0,
    )
    first, second = (s.speed for s in report.systems)
    assert first is not None and first.load_seconds == 0.25
    assert second is not None and second.load_seconds >= 0.05


def test_progress_hears_of_every_line_of_every_system() -> None:
    heard: list[tuple[str, int, int]] = []
    evaluate_systems(
        data_of(SOURCE, REFERENCE),
        [SystemSpec("toy"), SystemSpec("toy")],
        system_factory=lambda spec, g: FakeTranslator(g),
        bootstrap=0,
        progress=lambda name, done, total: heard.append((name, done, total)),
    )
    assert heard == [(name, done, 3) for name in ("toy", "toy#2") for done in range(4)]


def test_a_model_loaded_lazily_does_not_count_as_translation_time() -> None:
    report = evaluate_systems(
        data_of(SOURCE, REFERENCE),
        [SystemSpec("toy")],
        system_factory=lambda spec, g: FakeTranslator(g, lazy=True),
    )
    speed = report.systems[0].speed
    assert speed is not None and speed.load_seconds == 0.5
    assert speed.translate_seconds >= 0.0
    assert report.bootstrap_samples == 0 and report.systems[0].significance is None


def test_a_system_that_loses_lines_is_an_error() -> None:
    class Lossy(FakeTranslator):
        def translate_lines(self, lines: Iterable[str]) -> Iterator[Line]:
            return iter([Line("x", 1)])

    with pytest.raises(EvaluationError, match="toy returned 1 lines for 3"):
        evaluate_systems(
            data_of(SOURCE, REFERENCE), [SystemSpec("toy")], system_factory=lambda s, g: Lossy(g)
        )


@pytest.mark.parametrize(
    ("data", "specs", "glossary", "message"),
    [
        (EvalData(references=(("a",),)), [SystemSpec("m")], None, "needs a source file"),
        (data_of(["ا"], ["a"]), [], None, "no system to evaluate"),
        (data_of(["ا"], ["a"]), [SystemSpec("m", True)], None, "none was given"),
    ],
)
def test_evaluate_systems_refuses_incomplete_requests(
    data: EvalData, specs: list[SystemSpec], glossary: Any, message: str
) -> None:
    with pytest.raises(EvaluationError, match=message):
        evaluate_systems(
            data, specs, system_factory=lambda s, g: FakeTranslator(g), glossary=glossary
        )


def test_duplicate_names_are_made_unique() -> None:
    report = evaluate_hypotheses(
        data_of(SOURCE, REFERENCE), [("a/out.en", REFERENCE), ("b/out.en", REFERENCE)], bootstrap=0
    )
    assert [s.config.name for s in report.systems] == ["out.en", "out.en#2"]
    assert report.systems[1].config.hypothesis_file == "b/out.en"


# -- report: JSON schema, table, markdown ---------------------------------------------------

SCHEMA = {
    "schema_version": None,
    "created_at": None,
    "project": {"version": None, "git_commit": None, "sacrebleu_version": None},
    "testset": {
        "name": None,
        "source": None,
        "references": None,
        "lines": None,
        "total_lines": None,
        "limit": None,
    },
    "glossary": {"files": None, "digest": None, "entries": None},
    "bootstrap": {"samples": None, "seed": None, "baseline": None},
    "systems": [
        {
            "name": None,
            "config": {
                "model": None,
                "glossary": None,
                "hypothesis_file": None,
                "options": None,
                "signature": None,
            },
            "manifest": None,
            "glossary_digest": None,
            "hypotheses": None,
            "scores": {
                metric: {"score": None, "signature": None, "detail": None}
                for metric in ("BLEU", "chrF2++", "TER")
            },
            "terms": {
                "occurrences": None,
                "matched": None,
                "accuracy": None,
                "output_renderings": None,
                "supported": None,
                "precision": None,
            },
            "speed": {
                "load_seconds": None,
                "translate_seconds": None,
                "sentences": None,
                "target_tokens": None,
                "sentences_per_second": None,
                "target_tokens_per_second": None,
            },
            "significance": {
                metric: {"mean": None, "ci": None, "p_value": None}
                for metric in ("BLEU", "chrF2++", "TER")
            },
            "flags": {
                "lines": None,
                "flagged": None,
                "share": None,
                "codes": None,
                "chrf_flagged": None,
                "chrf_unflagged": None,
            },
        }
    ],
}


def shape(value: Any) -> Any:
    """Keys all the way down; leaves (and free-form mappings) become None."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [shape(value[0])]
    return None


def full_report() -> Any:
    return evaluate_systems(
        data_of(SOURCE, REFERENCE),
        [SystemSpec("toy", False), SystemSpec("toy", True)],
        system_factory=lambda spec, g: FakeTranslator(g),
        glossary=FakeGlossary(),
        bootstrap=50,
    )


def test_json_schema_is_stable(tmp_path: Path) -> None:
    report = full_report()
    write_json(report, tmp_path / "out.json")
    loaded = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert loaded["schema_version"] == SCHEMA_VERSION == 3
    for system in loaded["systems"]:
        system["config"]["options"] = system["config"]["signature"] = system["manifest"] = None
        system["flags"]["codes"] = None  # code -> count, free-form
    assert shape(loaded) == SCHEMA
    assert loaded["systems"][0]["significance"]["BLEU"]["p_value"] is None
    assert loaded["systems"][1]["terms"]["accuracy"] == 1.0
    assert loaded["bootstrap"] == {"samples": 50, "seed": 12345, "baseline": "toy"}
    assert loaded["systems"][1]["hypotheses"] == list(report.systems[1].hypotheses)
    assert loaded["systems"][0]["hypotheses"][0] == "met Shoigu"


def test_scoring_only_json_has_nulls_where_nothing_was_measured() -> None:
    report = evaluate_hypotheses(
        EvalData(references=(tuple(REFERENCE),), total_lines=3), [("h.en", REFERENCE)]
    )
    data = report.to_dict()
    assert data["glossary"] is None and data["bootstrap"] is None
    (system,) = data["systems"]
    assert system["speed"] is None and system["terms"] is None and system["significance"] is None
    assert system["scores"]["BLEU"]["score"] == pytest.approx(100.0)


def test_table_and_markdown_show_scores_p_values_and_signatures() -> None:
    report = full_report()
    table = render_table(report)
    header = table.splitlines()[0].split()
    assert header[:4] == ["system", "BLEU", "chrF2++", "TER"]
    assert "toy+glossary" in table and "(p=" in table and "100.0%" in table
    assert "BLEU: nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:" in table
    markdown = render_markdown(report)
    assert "| system | BLEU | chrF2++ | TER | term acc | term prec |" in markdown
    assert markdown.count("\n| toy") == 2


def test_git_commit_outside_a_checkout_is_none(tmp_path: Path) -> None:
    assert git_commit(tmp_path) is None
    commit = git_commit()
    assert commit is None or (len(commit) == 40 and int(commit, 16) >= 0)


def test_glossary_terms_need_the_source_when_scoring(tmp_path: Path) -> None:
    ref = write_lines(tmp_path / "r.en", REFERENCE)
    with pytest.raises(EvaluationError, match="term metrics need the source text"):
        evaluate_hypotheses(load_eval_data([ref]), [("h", REFERENCE)], glossary=FakeGlossary())


def test_identical_outputs_are_flagged_in_the_table() -> None:
    report = evaluate_hypotheses(
        data_of(SOURCE, REFERENCE), [("a.en", REFERENCE), ("b.en", REFERENCE)], bootstrap=20
    )
    rows = render_table(report).splitlines()
    assert "same output" not in rows[1]
    assert rows[2].startswith("b.en (same output as baseline)")
