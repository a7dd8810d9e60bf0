"""Input and output paths of ``translate``: checked before the model loads, -o written
atomically and never over an input, files as arguments like ``cat``."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app

# the module, not the `translate.cli.main` entry-point function that shadows its name
main_cli = importlib.import_module("translate.cli.main")

runner = CliRunner()


def args(model: Path | str, *extra: str) -> list[str]:
    return ["--model", str(model), "--no-default-glossary", "--max-decoding-length", "8", *extra]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "in.ar.txt").write_text("مرحبا\nشكرا\n", encoding="utf-8")
    (tmp_path / "second.ar.txt").write_text("وصل الوفد\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    os.symlink(tmp_path / "in.ar.txt", tmp_path / "link.txt")
    os.link(tmp_path / "in.ar.txt", tmp_path / "hard.txt")
    return tmp_path


BAD_PATHS = {
    "missing-input": (["-i", "nope.txt"], "cannot read nope.txt: no such file"),
    "missing-input-argument": (["nope.txt"], "cannot read nope.txt: no such file"),
    "input-is-a-folder": (["-i", "sub"], "cannot read sub: it is a folder"),
    "output-folder-missing": (
        ["-i", "in.ar.txt", "-o", "none/x.txt"],
        "cannot write -o none/x.txt: folder none does not exist",
    ),
    "output-under-a-file": (
        ["-i", "in.ar.txt", "-o", "a-file/x.txt"],
        "cannot write -o a-file/x.txt: a-file is not a folder",
    ),
    "output-is-a-folder": (["-i", "in.ar.txt", "-o", "sub"], "cannot write -o sub: it is a folder"),
    "report-folder-missing": (
        ["-i", "in.ar.txt", "--report", "none/r.jsonl"],
        "cannot write --report none/r.jsonl: folder none does not exist",
    ),
    "output-is-the-input": (["-i", "in.ar.txt", "-o", "in.ar.txt"], "-o in.ar.txt is the input"),
    "output-is-the-input-spelled-otherwise": (
        ["in.ar.txt", "-o", "sub/../in.ar.txt"],
        "-o sub/../in.ar.txt is the input in.ar.txt",
    ),
    "output-is-a-symlink-to-the-input": (["in.ar.txt", "-o", "link.txt"], "is the input"),
    "output-is-a-hard-link-to-the-input": (["in.ar.txt", "-o", "hard.txt"], "is the input"),
    "report-is-the-output": (
        ["in.ar.txt", "-o", "hard.txt", "--report", "in.ar.txt"],
        "is the input",
    ),
}


@pytest.mark.parametrize(("extra", "message"), BAD_PATHS.values(), ids=BAD_PATHS.keys())
def test_bad_paths_are_one_line_and_exit_2_before_the_model_loads(
    folder: Path, monkeypatch: pytest.MonkeyPatch, extra: list[str], message: str
) -> None:
    monkeypatch.chdir(folder)
    before = (folder / "in.ar.txt").read_bytes()
    # An unknown model: had it been looked up first, the error would say so.
    argv = ["--model", "nope", "--models-dir", str(folder), "--offline", *extra]
    result = runner.invoke(app, argv, input=b"x\n")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("translate: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr, result.stderr
    assert "unknown model" not in result.stderr and "Traceback" not in result.stderr
    assert (folder / "in.ar.txt").read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
def test_a_read_only_output_folder_is_refused(folder: Path) -> None:
    locked = folder / "locked"
    locked.mkdir(mode=0o555)
    result = runner.invoke(
        app, ["-m", "nope", "-i", str(folder / "in.ar.txt"), "-o", str(locked / "x")]
    )
    assert result.exit_code == 2 and "no permission to write in" in result.stderr


def test_files_checks_its_report_path_first(folder: Path) -> None:
    result = runner.invoke(
        app,
        [
            *["files", str(folder / "in.ar.txt"), "-O", str(folder / "out")],
            *["-m", "nope", "--offline", "--report", str(folder / "none" / "r.jsonl")],
        ],
    )
    assert result.exit_code == 2 and "folder" in result.stderr and "does not exist" in result.stderr
    assert "unknown model" not in result.stderr


def test_output_is_replaced_only_when_the_translation_is_complete(
    tiny_model_dir: Path, folder: Path
) -> None:
    out = folder / "out.en.txt"
    out.write_text("the previous translation\n", encoding="utf-8")
    bad = folder / "bad.ar.txt"
    bad.write_bytes("مرحبا\n".encode() * 300 + b"\xff\n")
    result = runner.invoke(app, args(tiny_model_dir, "-i", str(bad), "-o", str(out)))
    assert result.exit_code == 2 and "line 301" in result.stderr
    assert out.read_text(encoding="utf-8") == "the previous translation\n"
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []
    good = runner.invoke(app, args(tiny_model_dir, "-i", str(folder / "in.ar.txt"), "-o", str(out)))
    assert good.exit_code == 0, good.output
    assert out.read_text(encoding="utf-8").count("\n") == 2


def test_files_as_arguments_are_read_one_after_the_other(
    tiny_model_dir: Path, folder: Path
) -> None:
    first, second = str(folder / "in.ar.txt"), str(folder / "second.ar.txt")
    by_option = runner.invoke(app, args(tiny_model_dir, "-i", first, "-i", second))
    by_argument = runner.invoke(app, [first, *args(tiny_model_dir), second])
    assert by_argument.exit_code == 0, by_argument.output
    assert by_argument.stdout == by_option.stdout and by_argument.stdout.count("\n") == 3
    with_stdin = runner.invoke(app, [*args(tiny_model_dir), "-", second], input="مرحبا\n")
    assert with_stdin.exit_code == 0 and with_stdin.stdout.count("\n") == 2
    after_dashes = runner.invoke(app, [*args(tiny_model_dir), "--", first])
    assert after_dashes.stdout == runner.invoke(app, args(tiny_model_dir, "-i", first)).stdout


def test_a_bad_line_in_a_later_file_names_the_file(tiny_model_dir: Path, folder: Path) -> None:
    bad = folder / "bad.ar.txt"
    bad.write_bytes(b"ok\n\xff\n")
    result = runner.invoke(app, [str(folder / "in.ar.txt"), str(bad), *args(tiny_model_dir)])
    assert result.exit_code == 2
    assert f"{bad}: line 2 is not valid UTF-8" in result.stderr


def test_subcommand_names_still_win(tmp_path: Path) -> None:
    result = runner.invoke(app, ["segment"], input="أ. ب؟\n")
    assert result.exit_code == 0 and result.stdout == "أ. ب؟\n\n"


def test_a_terminal_gets_a_hint_instead_of_silence(
    tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_cli, "_stdin_is_a_terminal", lambda: True)
    result = runner.invoke(app, args(tiny_model_dir), input="مرحبا\n")
    assert result.exit_code == 0
    assert result.stderr == main_cli.HINT + "\n" and "Ctrl-D" in result.stderr
    monkeypatch.setattr(main_cli, "_stdin_is_a_terminal", lambda: False)
    assert runner.invoke(app, args(tiny_model_dir), input="مرحبا\n").stderr == ""
