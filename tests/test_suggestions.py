"""``translate glossary suggest`` on a small toy-world corpus (toy-news, a toy), the
evaluation's flag statistics, and ``translate files`` making names consistent per file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from translate import TranslationOptions, Translator
from translate.cli import app
from translate.evaluation.flagstats import flag_stats, line_codes

from .toy_models import needs_toys

CORPUS = [
    "وصل أمين مجلس الأمن الروسي نيكولاي باتروشيف إلى طهران يوم الأحد.",
    "قال باتروشيف إن المحادثات ستستمر.",
    "التقى باتروشيف نظيره الإيراني في موسكو يوم الاثنين.",
    "قال وزير الخارجية الروسي سيرغي لافروف إن الوضع في المنطقة خطير.",
    "وصل لافروف إلى طهران يوم الأحد.",
]


def write_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.ar.txt").write_text("\n".join(CORPUS[:3]) + "\n", encoding="utf-8")
    (folder / "b.ar.txt").write_text("\n".join(CORPUS[3:]) + "\n", encoding="utf-8")
    return folder


@needs_toys
def test_suggest_writes_a_glossary_that_check_accepts_and_says_what_the_model_did(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "suggested.yaml"
    args = ["glossary", "suggest", str(corpus), "-m", "toy-news", "--no-default-glossary"]
    result = CliRunner().invoke(app, [*args, "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    found = {s["key"]: s for s in json.loads(result.stdout)}
    patrushev = next(s for s in found.values() if "باتروشيف" in s["forms"])
    # The toy substitutes other names for the unseen Patrushev: no spelling to propose.
    assert patrushev["verdict"] == "substituted" and patrushev["proposed"] == ""
    assert patrushev["count"] == 3 and patrushev["change"] == 3.0
    lavrov = next(s for s in found.values() if "لافروف" in s["forms"])
    assert lavrov["proposed"] == "Lavrov" and lavrov["verdict"] == "consistent"
    text = out.read_text(encoding="utf-8")
    assert "english: Lavrov" in text and "# Names the model never spelled" in text
    assert "باتروشيف" in text.split("# Names the model never spelled")[1]
    check = CliRunner().invoke(app, ["glossary", "check", str(out), "--no-default-glossary"])
    assert check.exit_code == 0, check.output
    fewer = CliRunner().invoke(app, [*args, "--json", "--min-count", "3"])
    assert [s["forms"] for s in json.loads(fewer.stdout)] == [{"باتروشيف": 3}]


@needs_toys
def test_translate_files_makes_names_consistent_per_file_like_the_api(tmp_path: Path) -> None:
    document = [
        "قال شويغو إن الوضع في المنطقة خطير.",
        "وصل شويجو إلى طهران يوم الأحد.",
    ]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.ar.txt").write_text("\n".join(document) + "\n", encoding="utf-8")
    (folder / "b.ar.txt").write_text(document[1] + "\n", encoding="utf-8")
    args = ["files", str(folder), "-m", "toy-translit", "--no-default-glossary", "-q"]
    result = CliRunner().invoke(app, [*args, "--out-dir", str(tmp_path / "on")])
    assert result.exit_code == 0, result.output
    off = CliRunner().invoke(
        app, [*args, "--out-dir", str(tmp_path / "off"), "--no-consistent-names"]
    )
    assert off.exit_code == 0, off.output
    translator = Translator("toy-translit", TranslationOptions(consistent_names=True))
    on_a = (tmp_path / "on" / "a.en.txt").read_text(encoding="utf-8").splitlines()
    assert on_a == [r.text for r in translator.translate_document(document)]
    assert on_a != (tmp_path / "off" / "a.en.txt").read_text(encoding="utf-8").splitlines()
    # Never across files: b has the second spelling alone.
    assert (tmp_path / "on" / "b.en.txt").read_text(encoding="utf-8") == (
        tmp_path / "off" / "b.en.txt"
    ).read_text(encoding="utf-8")


def test_flag_stats_compare_flagged_and_unflagged_lines() -> None:
    stats = flag_stats(
        ["the cat sat", "dog dog dog dog", "a b"],
        ["the cat sat", "the dog ran home", "a b"],
        [[], ["repetition"], ["low-confidence", "length-ratio"]],
    )
    assert (stats.lines, stats.flagged) == (3, 2)
    assert stats.chrf_unflagged == 100.0
    assert stats.chrf_flagged is not None and stats.chrf_flagged < 100.0
    assert dict(stats.codes) == {"repetition": 1, "low-confidence": 1, "length-ratio": 1}
    assert line_codes([{"flags": [{"code": "repetition"}]}, {"flags": []}]) == ["repetition"]
