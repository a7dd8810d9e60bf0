"""The config file: flat keys for every command, problems as file:line, --help never blocked."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
import typer

from translate.cli import app, run

LONG_LINE = "، ".join(["كلمة كلمة كلمة كلمة كلمة كلمة"] * 4) + ".\n"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$TRANSLATE_CONFIG, pointing at a file each test writes; no TRANSLATE_* variable
    of the developer's shell leaks in."""
    for name in [n for n in os.environ if n.startswith("TRANSLATE_")]:
        monkeypatch.delenv(name)
    path = tmp_path / "config.yaml"
    monkeypatch.setenv("TRANSLATE_CONFIG", str(path))
    monkeypatch.setenv("TRANSLATE_OFFLINE", "1")  # a default model is never downloaded
    return path


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def segment(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    feed_stdin(monkeypatch, LONG_LINE.encode())
    assert run(["segment", *args]) == 0
    return capsys.readouterr().out


def test_flat_keys_apply_to_files(
    config: Path, tiny_model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config.write_text(
        f"model: {tiny_model_dir}\nno_default_glossary: true\nbeam_size: 1\n"
        "max_decoding_length: 8\nquiet: true\n",
        encoding="utf-8",
    )
    source = tmp_path / "in" / "a.ar.txt"
    source.parent.mkdir()
    source.write_text("مرحبا\n", encoding="utf-8")
    code = run(["files", str(source.parent), "-O", str(tmp_path / "out")])
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / "out" / "a.en.txt").is_file()
    assert capsys.readouterr().err == ""  # quiet: true came from the file too


def test_flat_keys_apply_to_eval(
    config: Path, tiny_model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config.write_text(f"model: {tiny_model_dir}\nbeam_size: 2\n", encoding="utf-8")
    (tmp_path / "t.ar").write_text("مرحبا\nشكرا\n", encoding="utf-8")
    (tmp_path / "t.en").write_text("hello\nthanks\n", encoding="utf-8")
    out = tmp_path / "out.json"
    argv = ["eval", "--src", str(tmp_path / "t.ar"), "--ref", str(tmp_path / "t.en")]
    code = run([*argv, "--no-glossary", "--max-decoding-length", "8", "--json", str(out)])
    assert code == 0, capsys.readouterr().err
    (system,) = json.loads(out.read_text(encoding="utf-8"))["systems"]
    assert system["manifest"]["name"] == "synthetic-tiny"
    assert system["config"]["options"]["beam_size"] == 2


def test_flat_keys_apply_to_segment(
    config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config.write_text("max_sentence_tokens: 8\n", encoding="utf-8")
    assert segment(monkeypatch, capsys).count("\n") == 5  # four pieces and the blank line


@pytest.mark.parametrize(
    ("in_file", "in_env", "flag", "cut"),
    [
        (None, None, None, False),  # the default, 200
        ("8", None, None, True),  # the file beats the default
        ("8", "200", None, False),  # the variable beats the file
        ("200", "200", "8", True),  # the flag beats them all
    ],
)
def test_precedence_flags_variables_file_defaults(
    config: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    in_file: str | None,
    in_env: str | None,
    flag: str | None,
    cut: bool,
) -> None:
    config.write_text(f"max_sentence_tokens: {in_file}\n" if in_file else "", encoding="utf-8")
    if in_env:
        monkeypatch.setenv("TRANSLATE_MAX_SENTENCE_TOKENS", in_env)
    out = segment(monkeypatch, capsys, *(["--max-sentence-tokens", flag] if flag else []))
    assert (out.count("\n") > 2) == cut


def test_a_command_section_wins_over_flat_keys(
    config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config.write_text(
        "max_sentence_tokens: 200\nsegment:\n  max-sentence-tokens: 8\n", encoding="utf-8"
    )
    assert segment(monkeypatch, capsys).count("\n") == 5


def test_relative_paths_are_relative_to_the_config_file(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate.cli.config import load_config

    config.write_text("glossary: [names.yaml]\nmodels_dir: models\n", encoding="utf-8")
    monkeypatch.chdir("/")
    loaded = load_config(typer.main.get_command(app))
    assert loaded.problems == []
    assert loaded.default_map["glossary_files"] == [str(tmp_path / "names.yaml")]
    assert loaded.default_map["models_dir"] == str(tmp_path / "models")


def problem_cases() -> list[tuple[str, str, list[str]]]:
    # (id, config text, the lines expected on stderr, as regular expressions)
    return [
        (
            "wrong-type",
            "model: toy-news\nbeam_size: five\n",
            [r"translate: error: CONFIG:2: beam_size: 'five' is not a valid integer\.?"],
        ),
        (
            "out-of-range",
            "beam_size: 0\n",
            [r"translate: error: CONFIG:1: beam_size: beam size must be at least 1, not 0"],
        ),
        (
            "unknown-key",
            "beam-sise: 2\n",
            [r"translate: error: CONFIG:1: unknown option 'beam_sise'; did you mean beam_size\?"],
        ),
        (
            "unknown-in-section",
            "files:\n  strict: true\n",
            [r"translate: error: CONFIG:2: unknown option 'strict' of translate files"],
        ),
        (
            "not-yaml",
            "model: [toy\nbeam_size: 2\n",
            [r"translate: error: CONFIG:2: not valid YAML: .*"],
        ),
        (
            "not-a-mapping",
            "- beam_size\n",
            [r"translate: error: CONFIG:1: the file must map option names to values, .*"],
        ),
        (
            "several",
            "beam_size: five\ndevice: gpu\nbeam_size: 2\n",
            [
                r"translate: error: 3 problems in the config file:",
                r"  CONFIG:1: beam_size: 'five' is not a valid integer\.?",
                r"  CONFIG:2: device: device must be cpu, cuda or auto, not 'gpu'",
                r"  CONFIG:3: beam_size is set twice",
            ],
        ),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in problem_cases()],
    ids=[case[0] for case in problem_cases()],
)
@pytest.mark.parametrize("argv", [[], ["files", "x", "-O", "y"], ["eval"], ["segment"]])
def test_problems_are_file_line_and_exit_2_for_every_command(
    config: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    expected: list[str],
    argv: list[str],
) -> None:
    config.write_text(text, encoding="utf-8")
    feed_stdin(monkeypatch, b"")
    assert run(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == len(expected), captured.err
    for line, pattern in zip(lines, expected):
        assert re.fullmatch(pattern.replace("CONFIG", re.escape(str(config))), line), line
    assert "TRANSLATE_BEAM_SIZE" not in captured.err and "Traceback" not in captured.err


def test_a_missing_named_config_file_is_an_error(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["segment"]) == 2
    assert capsys.readouterr().err == (
        f"translate: error: TRANSLATE_CONFIG names {config}, which is not there\n"
    )


@pytest.mark.parametrize(
    "argv", [["--help"], ["-h"], ["files", "--help"], ["eval", "-h"], ["--version"]]
)
def test_a_broken_config_never_blocks_help(
    config: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    config.write_text("model: [broken\n", encoding="utf-8")
    assert run(argv) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(("Usage: translate", "translate ")) and captured.err == ""
