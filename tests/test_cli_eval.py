import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from translate.cli.eval import app
from translate.evaluation.scoring import SystemSpec

from .test_evaluate import REFERENCE, SOURCE, FakeGlossary, FakeTranslator, write_lines

runner = CliRunner()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "src": write_lines(tmp_path / "test.ar", SOURCE),
        "ref": write_lines(tmp_path / "test.en", REFERENCE),
        "hyp": write_lines(tmp_path / "sys.en", ["Shoigu met", "Shoigu met in Tehran", "Tehran"]),
    }


def invoke(args: Sequence[object], obj: dict[str, Any] | None = None) -> Any:
    return runner.invoke(app, [str(a) for a in args], obj=obj)


def fake_hooks(built: list[tuple[str, bool]] | None = None) -> dict[str, Any]:
    def factory(spec: SystemSpec, glossary: Any) -> FakeTranslator:
        if built is not None:
            built.append((spec.model, glossary is not None))
        return FakeTranslator(glossary)

    def loader(paths: Sequence[Path], include_default: bool) -> FakeGlossary | None:
        return FakeGlossary() if paths else None

    return {"system_factory": factory, "glossary_loader": loader}


def test_scoring_a_hypothesis_prints_a_table_and_writes_json_and_markdown(
    files: dict[str, Path], tmp_path: Path
) -> None:
    out, md = tmp_path / "out.json", tmp_path / "out.md"
    result = invoke(
        [
            "--src",
            files["src"],
            "--ref",
            files["ref"],
            "--hyp",
            files["hyp"],
            "--json",
            out,
            "--markdown",
            md,
        ],
        obj=fake_hooks(),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split()[:4] == ["system", "BLEU", "chrF2++", "TER"]
    assert "sys.en" in result.stdout and "nrefs:1" in result.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["schema_version"] == 3
    assert report["systems"][0]["config"]["hypothesis_file"] == str(files["hyp"])
    assert report["testset"]["lines"] == 3
    assert md.read_text(encoding="utf-8").startswith("## Evaluation\n")


def test_scoring_computes_term_metrics_only_for_a_named_glossary(
    files: dict[str, Path], tmp_path: Path
) -> None:
    asked: list[tuple[list[Path], bool]] = []
    hooks = fake_hooks()
    plain_loader = hooks["glossary_loader"]

    def loader(paths: Sequence[Path], include_default: bool) -> Any:
        asked.append((list(paths), include_default))
        return plain_loader(paths, include_default)

    hooks["glossary_loader"] = loader
    base = ["--src", files["src"], "--ref", files["ref"], "--hyp", files["hyp"]]
    out = tmp_path / "out.json"
    assert invoke([*base, "--json", out], obj=hooks).exit_code == 0
    assert asked == [] and json.loads(out.read_text())["systems"][0]["terms"] is None
    result = invoke([*base, "-g", "names.yaml", "--json", out], obj=hooks)
    assert result.exit_code == 0, result.output
    assert asked == [([Path("names.yaml")], False)]
    terms = json.loads(out.read_text())["systems"][0]["terms"]
    # hypothesis "Shoigu met" / "Shoigu met in Tehran" / "Tehran": Patrushev is missing
    assert (terms["occurrences"], terms["matched"]) == (3, 2)
    assert "term acc" in result.stdout and "66.7%" in result.stdout


def test_two_references_and_two_hypotheses_get_p_values(files: dict[str, Path]) -> None:
    result = invoke(
        [
            "--ref",
            files["ref"],
            "--ref",
            files["ref"],
            "--hyp",
            files["hyp"],
            "--hyp",
            files["ref"],
            "--bootstrap",
            "50",
            "--seed",
            "9",
        ],
        obj=fake_hooks(),
    )
    assert result.exit_code == 0, result.output
    assert "nrefs:2" in result.stdout and "(p=" in result.stdout
    assert "50 samples, seed 9" in result.stdout


def test_translating_with_compare_glossary_runs_two_systems(
    files: dict[str, Path], tmp_path: Path
) -> None:
    built: list[tuple[str, bool]] = []
    out = tmp_path / "out.json"
    result = invoke(
        [
            "--src",
            files["src"],
            "--ref",
            files["ref"],
            "--model",
            "toy",
            "--glossary",
            "g.yaml",
            "--compare-glossary",
            "--bootstrap",
            "30",
            "--json",
            out,
        ],
        obj=fake_hooks(built),
    )
    assert result.exit_code == 0, result.output
    assert built == [("toy", False), ("toy", True)]
    report = json.loads(out.read_text(encoding="utf-8"))
    names = [s["name"] for s in report["systems"]]
    assert names == ["toy", "toy+glossary"]
    assert report["systems"][1]["terms"]["accuracy"] == 1.0
    assert report["systems"][0]["terms"]["accuracy"] == pytest.approx(2 / 3)
    assert report["systems"][1]["significance"]["BLEU"]["p_value"] is not None
    assert report["systems"][0]["speed"]["sentences"] == 3
    assert report["glossary"] == {"files": ["g.yaml"], "digest": "g-digest-1", "entries": 2}


def test_limit_uses_the_first_lines(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = invoke(
        ["--src", files["src"], "--ref", files["ref"], "-m", "toy", "--limit", "2", "--json", out],
        obj=fake_hooks(),
    )
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["testset"]["lines"] == 2 and report["testset"]["limit"] == 2
    assert report["systems"][0]["speed"]["sentences"] == 2


def bad_inputs(tmp_path: Path, files: dict[str, Path]) -> dict[str, tuple[list[object], str]]:
    short = write_lines(tmp_path / "short.en", ["only one"])
    empty = tmp_path / "empty.en"
    empty.write_bytes(b"")
    latin1 = tmp_path / "latin1.en"
    latin1.write_bytes("caf\xe9\nna\xefve\nok\n".encode("latin-1"))
    return {
        "line-counts": (
            ["--ref", files["ref"], "--hyp", short],
            r"hypothesis file .*short\.en has 1 lines but reference file .*test\.en has 3 lines",
        ),
        "empty-hypothesis": (
            ["--ref", files["ref"], "--hyp", empty],
            r"hypothesis file .* is empty",
        ),
        "empty-reference": (["--ref", empty, "--hyp", files["hyp"]], r"reference file .* is empty"),
        "not-utf8": (
            ["--ref", latin1, "--hyp", files["hyp"]],
            r"reference file .*latin1\.en is not UTF-8 \(byte 0xe9 on line 1\)",
        ),
        "limit": (
            ["--ref", files["ref"], "--hyp", files["hyp"], "--limit", "10"],
            r"--limit 10 is larger than the test set: .*test\.en has 3 lines",
        ),
        "source-count": (
            ["--src", short, "--ref", files["ref"], "-m", "toy"],
            r"source file .*short\.en has 1 lines but reference file",
        ),
        "no-glossary-conflict": (
            ["--src", files["src"], "--ref", files["ref"], "-g", "x.yaml", "--no-glossary"],
            "--no-glossary cannot be combined",
        ),
        "compare-without-glossary": (
            ["--src", files["src"], "--ref", files["ref"], "-m", "toy", "--compare-glossary"],
            "--compare-glossary needs a glossary",
        ),
        "testset-and-files": (
            ["--testset", "tico19-test", "--ref", files["ref"]],
            "use either --testset or --src/--ref",
        ),
        "missing-output-folder": (
            ["--src", files["src"], "--ref", files["ref"], "--json", tmp_path / "no" / "x.json"],
            r"cannot write .*x\.json: folder .*no does not exist",
        ),
        "translate-without-source": (["--ref", files["ref"], "-m", "toy"], "needs a source file"),
        "terms-without-source": (
            ["--ref", files["ref"], "--hyp", files["hyp"], "-g", "g.yaml"],
            "term metrics need the source text",
        ),
    }


CASES = [
    "line-counts",
    "empty-hypothesis",
    "empty-reference",
    "not-utf8",
    "limit",
    "source-count",
    "no-glossary-conflict",
    "compare-without-glossary",
    "testset-and-files",
    "missing-output-folder",
    "translate-without-source",
    "terms-without-source",
]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_line_on_stderr_and_exit_2(
    files: dict[str, Path], tmp_path: Path, case: str
) -> None:
    built: list[tuple[str, bool]] = []
    args, message = bad_inputs(tmp_path, files)[case]
    result = invoke(args, obj=fake_hooks(built))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("translate: error: ")
    assert re.search(message, lines[0]), lines[0]
    assert built == []  # nothing was translated before the error


def test_testset_offline_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, Path]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TRANSLATE_OFFLINE", "1")
    result = invoke(["--testset", "flores200-devtest", "--hyp", files["hyp"]], obj=fake_hooks())
    assert result.exit_code == 2
    assert "test set flores200-devtest is not in the cache" in result.stderr
    assert "offline" in result.stderr and "--src and --ref" in result.stderr
    assert not (tmp_path / "cache" / "arabic-translate" / "testsets" / "flores200-devtest").exists()


def test_unknown_testset_names_the_known_ones(files: dict[str, Path]) -> None:
    result = invoke(["--testset", "nope", "--hyp", files["hyp"]], obj=fake_hooks())
    assert result.exit_code == 2
    assert "unknown test set 'nope'" in result.stderr and "ntrex128" in result.stderr


def test_translating_with_the_real_translator_on_the_tiny_model(
    tiny_model_dir: Path, files: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    args = ["--src", files["src"], "--ref", files["ref"], "-m", tiny_model_dir, "--no-glossary"]
    result = invoke([*args, "--limit", "2", "--beam-size", "2", "--threads", "1", "--json", out])
    assert result.exit_code == 0, result.output
    (system,) = json.loads(out.read_text(encoding="utf-8"))["systems"]
    assert system["manifest"]["name"] == "synthetic-tiny"
    assert system["config"]["options"]["beam_size"] == 2
    assert system["config"]["signature"]["model"] == "synthetic-tiny"
    assert system["speed"]["sentences"] == 2 and system["speed"]["target_tokens"] > 0
    assert system["speed"]["load_seconds"] >= 0 and system["terms"] is None


def test_eval_takes_every_translation_option(
    tiny_model_dir: Path, files: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    args = ["--src", files["src"], "--ref", files["ref"], "-m", tiny_model_dir, "--no-glossary"]
    extra = ["--glossary-mode", "inject", "--batch-tokens", "64", "--keep-diacritics"]
    result = invoke([*args, *extra, "--max-decoding-length", "8", "--limit", "1", "--json", out])
    assert result.exit_code == 0, result.output
    (system,) = json.loads(out.read_text(encoding="utf-8"))["systems"]
    options = system["config"]["options"]
    assert (options["glossary_mode"], options["batch_tokens"]) == ("inject", 64)
    assert options["keep_diacritics"] is True and options["max_decoding_length"] == 8


def test_variables_and_flags_do_not_conflict(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # TRANSLATE_MODEL and TRANSLATE_GLOSSARY name what the main command uses; scoring a
    # hypothesis, or --no-glossary on the command line, must not trip over them.
    monkeypatch.setenv("TRANSLATE_MODEL", "toy")
    monkeypatch.setenv("TRANSLATE_GLOSSARY", "g.yaml")
    scored = invoke(["--ref", files["ref"], "--hyp", files["hyp"], "--no-glossary"], fake_hooks())
    assert scored.exit_code == 0, scored.output
    built: list[tuple[str, bool]] = []
    result = invoke(
        ["--src", files["src"], "--ref", files["ref"], "--no-glossary", "--bootstrap", "0"],
        fake_hooks(built),
    )
    assert result.exit_code == 0, result.output
    assert built == [("toy", False)]


def test_translating_shows_progress_on_stderr_and_json_keeps_the_outputs(
    files: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    args = ["--src", files["src"], "--ref", files["ref"], "-m", "toy", "-m", "other"]
    result = invoke([*args, "--json", out, "--bootstrap", "0"], obj=fake_hooks())
    assert result.exit_code == 0, result.output
    assert "translating 3 lines with toy" in result.stderr
    assert "translating 3 lines with other" in result.stderr
    assert "lines with toy" not in result.stdout
    systems = json.loads(out.read_text(encoding="utf-8"))["systems"]
    assert [s["hypotheses"] for s in systems] == [
        ["met Shoigu", "met Shoigu in Tehran", "in Tehran"]
    ] * 2
    quiet = invoke([*args, "--bootstrap", "0", "--quiet"], obj=fake_hooks())
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == "" and "BLEU" in quiet.stdout
