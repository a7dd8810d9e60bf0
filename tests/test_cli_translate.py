"""``translate`` as users run it: CliRunner for the command, subprocesses for pipes."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app

runner = CliRunner()


def args(model: Path, *extra: str) -> list[str]:
    return ["--model", str(model), "--no-default-glossary", "--max-decoding-length", "12", *extra]


def test_stdin_to_stdout_line_for_line(tiny_model_dir: Path) -> None:
    text = "مرحبا بكم.\n\nقال الوزير إن المحادثات ستستمر.\n  \n"
    result = runner.invoke(app, args(tiny_model_dir), input=text.encode())
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    assert lines[-1] == ""
    assert len(lines) - 1 == 4
    assert lines[1] == "" and lines[3] == "  "


def test_empty_input_gives_empty_output(tiny_model_dir: Path) -> None:
    result = runner.invoke(app, args(tiny_model_dir), input=b"")
    assert result.exit_code == 0 and result.stdout == ""


def test_invalid_utf8_is_exit_2_with_line_number(tiny_model_dir: Path) -> None:
    result = runner.invoke(app, args(tiny_model_dir), input=b"ok\n\xff\n")
    assert result.exit_code == 2
    assert "line 2" in result.stderr and "Traceback" not in result.stderr


def test_errors_replace_translates_anyway(tiny_model_dir: Path) -> None:
    result = runner.invoke(app, args(tiny_model_dir, "--errors", "replace"), input=b"ok\n\xff\n")
    assert result.exit_code == 0 and result.stdout.count("\n") == 2


def test_binary_input_is_refused(tiny_model_dir: Path) -> None:
    result = runner.invoke(app, args(tiny_model_dir), input=b"\x00\x01\x02\x03")
    assert result.exit_code == 2 and "binary" in result.stderr


@pytest.mark.parametrize(
    ("model", "hint"),
    [
        ("nope", "unknown model"),
        ("opus-mt-ar-en", "translate models install"),
        ("opus-mt-tc-big-ar-en", "--from-archive"),
    ],
)
def test_missing_model_is_one_line_exit_2(tmp_path: Path, model: str, hint: str) -> None:
    result = runner.invoke(
        app,
        ["--model", model, "--models-dir", str(tmp_path), "--offline", "--no-default-glossary"],
        input=b"x\n",
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and hint in result.stderr
    assert result.stdout == ""


def test_input_and_output_files(tiny_model_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.ar.txt"
    source.write_text("مرحبا\nشكرا\n", encoding="utf-8")
    out = tmp_path / "out.en.txt"
    result = runner.invoke(app, args(tiny_model_dir, "-i", str(source), "-o", str(out)))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("\n") == 2


def test_segment_command_prints_sentences_and_blank_lines() -> None:
    result = runner.invoke(app, ["segment"], input="أ. ب؟ ج!\n\nد\n".encode())
    assert result.exit_code == 0
    assert result.stdout == "أ. ب؟\nج!\n\n\nد\n\n"  # "أ." is an initial, not a sentence


def test_env_var_and_config_file_set_options(tiny_model_dir: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("beam_size: 0\n", encoding="utf-8")
    env = dict(os.environ, TRANSLATE_CONFIG=str(config), TRANSLATE_MODEL=str(tiny_model_dir))
    done = subprocess.run(
        [sys.executable, "-m", "translate", "--no-default-glossary"],
        input=b"x\n",
        capture_output=True,
        env=env,
        timeout=120,
    )
    # beam size 0 from the config file reaches the option check: proof it was read
    assert done.returncode == 2 and b"beam size" in done.stderr


def test_help_documents_environment_variables() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "TRANSLATE_MODEL" in result.stdout and "TRANSLATE_MODELS_DIR" in result.stdout


@pytest.mark.slow
def test_pipe_streams_before_end_of_input(tiny_model_dir: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "translate", *args(tiny_model_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin and process.stdout
    process.stdin.write("مرحبا\n".encode())
    process.stdin.flush()
    started = time.monotonic()
    first = process.stdout.readline()  # must come while stdin is still open
    assert first.endswith(b"\n") and time.monotonic() - started < 60
    process.stdin.write("شكرا\n".encode())
    process.stdin.close()
    rest = process.stdout.read()
    assert process.wait(timeout=60) == 0
    assert rest.count(b"\n") == 1


def test_head_closes_the_pipe_quietly(tiny_model_dir: Path) -> None:
    many = "\n".join(["سطر عربي قصير"] * 3000) + "\n"
    command = f"{sys.executable} -m translate {' '.join(args(tiny_model_dir))} | head -1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        input=many.encode(),
        capture_output=True,
        timeout=300,
    )
    assert done.stdout.count(b"\n") == 1
    assert b"Traceback" not in done.stderr and b"BrokenPipe" not in done.stderr
    assert done.returncode == 0, done.stderr  # `set -o pipefail` holds: no error of the tool


def translate_command() -> list[str]:
    """The installed `translate` command (beside this Python when PATH lacks it)."""
    found = shutil.which("translate") or str(Path(sys.executable).parent / "translate")
    if not Path(found).is_file():
        pytest.skip("the translate command is not installed")
    return [found]


def test_a_reader_that_stops_early_is_exit_0_without_a_crash() -> None:
    # `producer | translate -m toy-news | head -1`, with the producer keeping stdin open
    # (like `tail -f`): the reader thread is waiting for input when the translator finds
    # its stdout closed. 1000 output lines are more than a pipe holds, so it must find it.
    process = subprocess.Popen(
        [*translate_command(), "-m", "toy-news"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin and process.stdout and process.stderr
    data = "التقى وزير الخارجية الروسي لافروف نظيره التركي في أنقرة.\n".encode() * 1000

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError, ValueError):
            assert process.stdin
            process.stdin.write(data)
            process.stdin.flush()

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        first = process.stdout.readline()
        process.stdout.close()  # `| head -1`
        code = process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
        writer.join(timeout=10)
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
    stderr = process.stderr.read()
    process.stderr.close()
    assert first.startswith(b"Russian")
    assert b"Fatal" not in stderr and b"Traceback" not in stderr, stderr
    assert code == 0, stderr


def test_no_os_exit_in_the_command_line_code() -> None:
    import translate.cli

    folder = Path(translate.cli.__file__).parent
    assert not [p.name for p in folder.glob("*.py") if "os._exit" in p.read_text("utf-8")]


def test_ctrl_c_exits_130_without_traceback(tiny_model_dir: Path) -> None:
    import signal

    process = subprocess.Popen(
        [sys.executable, "-m", "translate", *args(tiny_model_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin and process.stdout and process.stderr
    process.stdin.write("مرحبا\n".encode())
    process.stdin.flush()
    process.stdout.readline()
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 130
    assert b"Traceback" not in process.stderr.read()
