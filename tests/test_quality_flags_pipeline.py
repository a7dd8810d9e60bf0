"""Quality flags as the pipeline, the pipe, ``translate files`` and the cache carry them:
flags describe a sentence and never change its text; Arabic-Indic digits the model
writes become Western ones unless --keep-digits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.engine.decoding import SentenceTranslation, SentenceTranslator
from translate.engine.pipeline import REPORT_SCHEMA_VERSION, LinePipeline
from translate.files.cache import TranslationCache
from translate.files.flagging import TSV_COLUMNS, FlagCollector
from translate.options import TranslationOptions
from translate.text.flags import FlagRules

from .fakes import FakeBackend, WhitespaceTokenizer

WORDS = {"وصل": "arrived", "يوم": "on", "الأحد": "Sunday", "مع": "with", "٣": "٣"}


def pipeline(
    rewrite: object = None, *, keep_digits: bool = False, rules: FlagRules | None = None
) -> LinePipeline:
    backend = FakeBackend(WORDS, rewrite=rewrite)  # type: ignore[arg-type]
    options = TranslationOptions()
    sentences = SentenceTranslator(backend, WhitespaceTokenizer(), options)  # type: ignore[arg-type]
    return LinePipeline(
        sentences,
        signature={"model": "fake"},
        keep_digits=keep_digits,
        **({"flag_rules": rules} if rules else {}),  # type: ignore[arg-type]
    )


def codes(result: object) -> list[str]:
    return [f["code"] for e in result.report for f in e["flags"]]  # type: ignore[attr-defined]


def test_a_dropped_number_is_flagged_and_the_text_left_as_the_model_wrote_it() -> None:
    drop = pipeline(rewrite=lambda words: [w for w in words if w != "15"])
    (result,) = drop.translate_chunk(["وصل 15 يوم الأحد"])
    assert result.text == "arrived on Sunday"
    assert codes(result) == ["number-missing"]
    (entry,) = result.report
    assert entry["schema"] == REPORT_SCHEMA_VERSION
    assert entry["translation"] == "arrived on Sunday"
    assert entry["flags"][0]["evidence"] == "number 15 missing"
    assert result.flagged == 1


def test_a_right_sentence_has_no_report_at_all() -> None:
    (result,) = pipeline().translate_chunk(["وصل 15 يوم الأحد"])
    assert result.text == "arrived 15 on Sunday"
    assert result.report == () and result.flagged == 0


def test_arabic_left_in_the_output_is_flagged_but_a_kept_hashtag_is_not() -> None:
    (left,) = pipeline().translate_chunk(["وصل الوفد يوم الأحد"])
    assert "arabic-left" in codes(left)
    (hashtag,) = pipeline().translate_chunk(["وصل #الوفد يوم الأحد"])
    assert "arabic-left" not in codes(hashtag)


@pytest.mark.parametrize(
    ("keep", "expected"), [(False, "arrived 3 on Sunday"), (True, "arrived ٣ on Sunday")]
)
def test_arabic_indic_digits_become_western_unless_kept(keep: bool, expected: str) -> None:
    (result,) = pipeline(keep_digits=keep).translate_chunk(["وصل ٣ يوم الأحد"])
    assert result.text == expected
    assert "number-missing" not in codes(result)


def test_digits_inside_a_hashtag_stay_as_written_and_are_not_a_change() -> None:
    (result,) = pipeline().translate_chunk(["وصل #غزة_٢٠٢٤ ٣"])
    assert result.text == "arrived #غزة_٢٠٢٤ 3"
    assert "protected-changed" not in codes(result)


def test_low_confidence_uses_the_threshold_given() -> None:
    strict = FlagRules(min_confidence=-0.05)  # the fake scores every sentence -0.1
    (result,) = pipeline(rules=strict).translate_chunk(["وصل يوم الأحد"])
    assert codes(result) == ["low-confidence"]
    (lenient,) = pipeline(rules=FlagRules(min_confidence=-1.0)).translate_chunk(["وصل يوم الأحد"])
    assert codes(lenient) == []


def test_the_collector_counts_per_file_and_writes_one_tsv_row_per_flagged_sentence(
    tmp_path: Path,
) -> None:
    drop = pipeline(rewrite=lambda words: [w for w in words if w != "15"])
    results = drop.translate_chunk(["وصل 15 يوم الأحد", "وصل يوم الأحد"])
    path = tmp_path / "flags.tsv"
    with path.open("w", encoding="utf-8") as stream:
        collector = FlagCollector(stream)
        for line, result in enumerate(results, 1):
            collector.record(Path("a.txt"), line, result)
    rows = [row.split("\t") for row in path.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == list(TSV_COLUMNS)
    assert rows[1] == [
        "a.txt",
        "1",
        "number-missing",
        "number 15 missing",
        "وصل 15 يوم الأحد",
        "arrived on Sunday",
    ]
    assert len(rows) == 2
    (summary,) = collector.summary()
    assert (summary.sentences, summary.flagged, summary.codes) == (2, 1, (("number-missing", 1),))
    assert summary.describe() == "a.txt: 1 of 2 sentences flagged (number-missing 1)"


def test_the_cache_keeps_the_score_so_a_hit_is_flagged_like_a_fresh_run(tmp_path: Path) -> None:
    from translate.engine.decoding import Request

    path = tmp_path / "cache.db"
    with TranslationCache(path, "ns") as cache:
        cache.put(Request("مرحبا"), SentenceTranslation("مرحبا", "hello", ("hello",), score=-1.25))
    with TranslationCache(path, "ns") as reopened:
        found = reopened.get(Request("مرحبا"))
    assert found is not None and found.score == -1.25


def test_a_schema_1_cache_is_emptied_and_upgraded(tmp_path: Path) -> None:
    import sqlite3

    from translate.engine.decoding import Request

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE translations (key TEXT PRIMARY KEY, text TEXT NOT NULL, tokens TEXT NOT NULL,"
        " alternatives TEXT NOT NULL) WITHOUT ROWID;"
        "INSERT INTO meta VALUES ('schema', '1');"
        "INSERT INTO translations VALUES ('k', 't', '[]', '[]');"
    )
    db.commit()
    db.close()
    with TranslationCache(path, "ns") as cache:
        assert cache.stored() == 0
        cache.put(Request("مرحبا"), SentenceTranslation("مرحبا", "hello", ("hello",), score=-2.0))
    with TranslationCache(path, "ns") as reopened:
        found = reopened.get(Request("مرحبا"))
    assert found is not None and found.score == -2.0


def test_the_pipe_says_how_many_sentences_to_check_with_v(tiny_model_dir: Path) -> None:
    from translate.cli import app

    result = CliRunner().invoke(
        app,
        [
            "--model",
            str(tiny_model_dir),
            "--max-decoding-length",
            "8",
            "-v",
            "--no-default-glossary",
        ],
        input="وصل الوفد يوم الأحد.\n".encode(),
    )
    assert result.exit_code == 0, result.output
    # Random weights: the synthetic model's every sentence is low-confidence.
    assert "1 lines, 1 sentences (1 flagged to check)" in result.stderr


def test_translate_files_writes_the_flags_tsv_and_a_per_file_summary(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    from translate.cli import app

    source = tmp_path / "in"
    source.mkdir()
    (source / "a.ar.txt").write_text("وصل الوفد يوم الأحد.\nمرحبا\n", encoding="utf-8")
    flags = tmp_path / "flags.tsv"
    report = tmp_path / "report.jsonl"
    result = CliRunner().invoke(
        app,
        ["files", str(source), "--out-dir", str(tmp_path / "out"), "--model", str(tiny_model_dir),
         "--max-decoding-length", "8", "--flags", str(flags), "--report", str(report)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = flags.read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == list(TSV_COLUMNS)
    assert len(rows) == 3 and all("low-confidence" in row for row in rows[1:])
    assert "to check:" in result.stderr and "2 of 2 sentences flagged" in result.stderr
    entries = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [e["sentence"] for e in entries] == ["وصل الوفد يوم الأحد.", "مرحبا"]
    assert all(e["flags"] and e["file"].endswith("a.ar.txt") for e in entries)
