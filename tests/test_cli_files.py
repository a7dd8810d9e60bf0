"""``translate files`` as users run it (CliRunner), and its progress display."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.file_samples import write_mixed_folder
from translate.cli import app
from translate.cli import files as files_cli
from translate.files.run import BatchProgress
from translate.progress import BatchProgressPrinter

runner = CliRunner()


def args(model: Path, *extra: str) -> list[str]:
    common = ["--model", str(model), "--no-default-glossary", "--max-decoding-length", "8"]
    return ["files", *common, "--beam-size", "1", *extra]  # later options win


def test_translates_a_folder_with_a_summary(tiny_model_dir: Path, tmp_path: Path) -> None:
    write_mixed_folder(tmp_path / "in", with_docx=False)
    out = tmp_path / "out"
    report = tmp_path / "report.jsonl"
    result = runner.invoke(
        app,
        args(tiny_model_dir, str(tmp_path / "in"), "--out-dir", str(out), "--report", str(report)),
    )
    assert result.exit_code == 0, result.output
    assert (out / "news" / "report.en.txt").is_file() and (out / "notes.en.md").is_file()
    assert "translate files: 5 files," in result.stderr  # the plain start line (not a TTY)
    assert "5 done, 0 skipped, 0 failed" in result.stderr
    assert result.stdout == ""
    assert report.is_file()

    assert "made by" not in result.stderr
    again = runner.invoke(app, args(tiny_model_dir, str(tmp_path / "in"), "--out-dir", str(out)))
    assert again.exit_code == 0 and "nothing to do; 5 files already translated" in again.stderr


def test_quiet_prints_nothing(tiny_model_dir: Path, tmp_path: Path) -> None:
    write_mixed_folder(tmp_path / "in", with_docx=False)
    result = runner.invoke(
        app, args(tiny_model_dir, str(tmp_path / "in"), "-O", str(tmp_path / "out"), "--quiet")
    )
    assert result.exit_code == 0 and result.stderr == ""
    assert (tmp_path / "out" / "data" / "items.en.jsonl").is_file()


def test_a_failed_file_is_reported_and_exits_1(tiny_model_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("مرحبا بكم\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"ok\n\xff\xfe\xfd\n")
    result = runner.invoke(app, args(tiny_model_dir, str(folder), "-O", str(tmp_path / "out")))
    assert result.exit_code == 1
    assert f"failed: {folder / 'bad.txt'}: line 2: not valid UTF-8" in result.stderr
    assert "pass --errors replace" in result.stderr  # the option the user can type
    assert "1 done, 0 skipped, 1 failed" in result.stderr
    assert (tmp_path / "out" / "good.en.txt").is_file()
    first = result.stderr.splitlines()[0]
    assert first.startswith("translate files: 1 files, ") and "0 sentences" not in first
    assert first.endswith(f"; 1 unreadable: {folder / 'bad.txt'}")
    assert not (tmp_path / "out" / "bad.en.txt").exists()


def test_errors_replace_translates_an_undecodable_file_anyway(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "bad.txt").write_bytes(b"ok\n\xff\xfe\xfd\n")
    result = runner.invoke(
        app,
        args(
            tiny_model_dir,
            str(tmp_path / "bad.txt"),
            "-O",
            str(tmp_path / "o"),
            "--errors",
            "replace",
        ),
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "bad.en.txt").read_text(encoding="utf-8").count("\n") == 2


def test_jsonl_fields_and_output_field(tiny_model_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "rows.jsonl"
    source.write_text(
        '{"title": "خبر", "meta": {"body": "قال الوزير"}, "n": 1}\nnot json\n', encoding="utf-8"
    )
    result = runner.invoke(
        app,
        args(
            tiny_model_dir,
            str(source),
            "-O",
            str(tmp_path / "out"),
            "--field",
            "title",
            "--field",
            "meta.body",
            "--output-field",
            "{field}_english",
        ),
    )
    assert result.exit_code == 0, result.output
    assert f"warning: {source}: line 2: not valid JSON" in result.stderr
    first = json.loads(
        (tmp_path / "out" / "rows.en.jsonl").read_text(encoding="utf-8").split("\n")[0]
    )
    assert list(first) == ["title", "title_english", "meta", "n"]
    assert list(first["meta"]) == ["body", "body_english"]


def test_one_plain_output_field_for_several_fields_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "rows.jsonl"
    source.write_text('{"a": "خبر", "b": "قال"}\n', encoding="utf-8")
    # A model that does not exist: the error must come before anything tries to load it.
    missing_model = tmp_path / "no-such-model"
    result = runner.invoke(
        app,
        args(
            missing_model,
            str(source),
            "-O",
            str(tmp_path / "out"),
            "--field",
            "a",
            "--field",
            "b",
            "--output-field",
            "en",
        ),
    )
    assert result.exit_code == 2, result.output
    assert "output_field: one plain name for several fields" in result.stderr
    assert "failed:" not in result.stderr and str(missing_model) not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["MISSING", "-O", "OUT"], "cannot start: MISSING: no such file or directory"),
        (["IN", "-O", "BLOCKED"], "cannot write to the output folder"),
        (["IN", "-O", "OUT", "--engine", "spark"], "--engine must be local or ray"),
        (["IN", "-O", "OUT", "--format", "pdf"], "unknown format 'pdf'"),
        (["IN", "-O", "OUT", "--beam-size", "0"], "beam size must be at least 1"),
    ],
)
def test_setup_errors_are_one_line_and_exit_2(
    tiny_model_dir: Path, tmp_path: Path, extra: list[str], message: str
) -> None:
    write_mixed_folder(tmp_path / "in", with_docx=False)
    (tmp_path / "blocked").write_text("a file where the folder should be", encoding="utf-8")
    paths = {"IN": tmp_path / "in", "OUT": tmp_path / "out", "BLOCKED": tmp_path / "blocked"}
    paths["MISSING"] = tmp_path / "missing"
    extra = [str(paths.get(item, item)) for item in extra]
    message = message.replace("MISSING", str(paths["MISSING"]))
    result = runner.invoke(app, args(tiny_model_dir, *extra))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_cache_makes_a_forced_rerun_decode_nothing(tiny_model_dir: Path, tmp_path: Path) -> None:
    write_mixed_folder(tmp_path / "in", with_docx=False)
    common = [str(tmp_path / "in"), "-O", str(tmp_path / "out"), "--cache", str(tmp_path / "c.db")]
    first = runner.invoke(app, args(tiny_model_dir, *common))
    assert first.exit_code == 0, first.output
    before = (tmp_path / "out" / "web" / "page.en.html").read_bytes()
    again = runner.invoke(app, args(tiny_model_dir, *common, "--force", "-v"))
    assert again.exit_code == 0, again.output
    assert "made by model synthetic-tiny, model_revision " in again.stderr
    assert "(0 decoded, the rest cached or repeated)" in again.stderr
    assert (tmp_path / "out" / "web" / "page.en.html").read_bytes() == before


def test_ray_engine_without_ray_says_how_to_install(
    tiny_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` fail
    write_mixed_folder(tmp_path / "in", with_docx=False)
    result = runner.invoke(
        app,
        args(tiny_model_dir, str(tmp_path / "in"), "-O", str(tmp_path / "o"), "--engine", "ray"),
    )
    assert result.exit_code == 2
    assert "pip install 'arabic-translate-cli[ray]'" in result.stderr


def progress(done: int, total: int = 200, files: int = 0, elapsed: float = 10.0) -> BatchProgress:
    return BatchProgress(
        files_total=4,
        files_done=files,
        files_failed=0,
        files_skipped=1,
        sentences_total=total,
        sentences_done=done,
        elapsed=elapsed,
    )


def printer_on(stream: io.StringIO, *, tty: bool, quiet: bool = False) -> BatchProgressPrinter:
    """The printer ``translate files`` uses, on ``stream``."""
    return BatchProgressPrinter(
        stream,
        prog="translate files",
        quiet=quiet,
        tty=tty,
        redraw=files_cli.TTY_INTERVAL,
        plain_interval=files_cli.PLAIN_INTERVAL,
        width=100,
    )


def test_progress_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    printer = printer_on(stream, tty=True)
    printer(progress(0))
    printer(progress(100, files=4))  # finished files are always drawn, whatever the interval
    printer.close()
    text = stream.getvalue()
    # The last status ends its line (only the cursor is shown again after it), so what
    # comes next starts on a line of its own.
    assert "100/200 sentences (50%), 10.0/s, ETA 00:10, files 4/4\n" in text
    assert text.endswith("\n\x1b[?25h")


def test_plain_progress_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    printer = printer_on(stream, tty=False)
    printer(progress(0))
    printer(progress(50))  # within the interval: nothing
    printer.plain_interval = 0.0
    printer(progress(60))
    lines = stream.getvalue().splitlines()
    assert lines == [
        "translate files: 4 files, 200 sentences to translate (1 already done)",
        "translate files: 60/200 sentences (30%), 6.0/s, ETA 00:23, files 0/4",
    ]
    printer.close()
    assert "\r" not in stream.getvalue()


def test_quiet_progress_prints_nothing() -> None:
    stream = io.StringIO()
    printer = printer_on(stream, quiet=True, tty=True)
    printer(progress(0))
    printer(progress(200, files=4))
    printer.close()
    assert stream.getvalue() == ""
