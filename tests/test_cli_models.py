"""`translate models ...` through typer's CliRunner."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.archive_server import ServerState, serve
from translate.cli.models import app
from translate.progress import DownloadProgress

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_install_from_archive_list_info_remove(synthetic_archive: Path, tmp_path: Path) -> None:
    d = str(tmp_path)
    code, out, _ = _run(
        "install", "--from-archive", str(synthetic_archive), "--name", "mine", "--models-dir", d
    )
    assert code == 0 and "installed mine" in out
    code, out, _ = _run(
        "install", "--from-archive", str(synthetic_archive), "--name", "mine", "--models-dir", d
    )
    assert code == 0 and "already installed" in out
    code, out, _ = _run("list", "--models-dir", d)
    assert code == 0
    assert "opus-mt-tc-big-ar-en (default)" in out
    assert any(line.startswith("mine") and "int8" in line for line in out.splitlines())
    code, out, _ = _run("info", "mine", "--models-dir", d)
    assert code == 0 and "installed: yes" in out and '"converter": "OpusMTConverter"' in out
    code, out, _ = _run("remove", "mine", "--models-dir", d)
    assert code == 0 and not (tmp_path / "mine").exists()


def test_info_shows_published_scores(tmp_path: Path) -> None:
    code, out, _ = _run("info", "opus-mt-tc-big-ar-en", "--models-dir", str(tmp_path))
    assert code == 0
    assert "flores200-devtest: BLEU 42.8, chrF 0.672" in out and "installed: no" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("remove", "ghost"), "not installed"),
        (("info", "ghost"), "unknown model"),
        (("install", "ghost"), "unknown model"),
        (("install",), "give a catalogue NAME"),
        (("install", "a", "--name", "b"), "two different names"),
        (("install", "opus-mt-ar-en", "--url", "http://127.0.0.1:9/x.zip"), "plain-HTTP"),
        (("install", "--from-archive", "/nonexistent.zip", "--name", "x"), "does not exist"),
    ],
)
def test_errors_are_one_line_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], fragment: str
) -> None:
    code, _, err = _run(*args, "--models-dir", str(tmp_path))
    assert code == 2 and "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("translate: error:")]
    assert len(errors) == 1 and fragment in errors[0]


def test_corrupt_archive_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 truncated")
    code, _, err = _run(
        "install", "--from-archive", str(bad), "--name", "x", "--models-dir", str(tmp_path / "m")
    )
    assert code == 2 and "Traceback" not in err
    assert err.splitlines()[-1].startswith("translate: error: bad.zip is not a zip")


def test_install_by_name_downloads_with_progress(synthetic_archive: Path, tmp_path: Path) -> None:
    with serve(ServerState(files={"/r.zip": synthetic_archive.read_bytes()})) as server:
        code, out, err = _run(
            "install", "opus-mt-ar-en", "--url", server.url("/r.zip"), "--allow-http",
            "--quantization", "int8", "--models-dir", str(tmp_path),
        )  # fmt: skip
    assert code == 0, err
    assert "installed opus-mt-ar-en" in out and "100.0%" in err
    manifest = json.loads((tmp_path / "opus-mt-ar-en" / "manifest.json").read_text())
    assert manifest["source_url"] == server.url("/r.zip")


def test_progress_bar_on_a_pipe_prints_lines() -> None:
    stream = io.StringIO()
    bar = DownloadProgress("dl", stream=stream, tty=False)
    for done in range(0, 1001, 50):
        bar(done, 1000)
    bar.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("dl [") and lines[-1].endswith("MB/s") and "100.0%" in lines[-1]
    assert len(lines) == 11  # one per 10%


def test_an_archive_under_a_bundled_name_is_one_line_exit_2(
    synthetic_archive: Path, tmp_path: Path
) -> None:
    args = ["install", "--from-archive", str(synthetic_archive), "--name", "toy-news"]
    code, out, err = _run(*args, "--models-dir", str(tmp_path))
    errors = [line for line in err.splitlines() if "error:" in line]
    assert code == 2 and len(errors) == 1 and "pick another --name" in errors[0]
    assert not (tmp_path / "toy-news").exists()
    code, out, err = _run(*args, "--force", "--models-dir", str(tmp_path))
    assert code == 0 and "installed toy-news" in out


def test_info_hides_published_scores_of_an_archive_under_a_catalogue_name(
    synthetic_archive: Path, tmp_path: Path
) -> None:
    d = str(tmp_path)
    name = "opus-mt-tc-big-ar-en"
    code, _, err = _run(
        "install", "--from-archive", str(synthetic_archive), "--name", name, "--models-dir", d
    )
    assert code == 0, err
    code, out, _ = _run("info", name, "--models-dir", d)
    assert code == 0 and "installed: yes" in out
    assert "BLEU 42.8" not in out and "not the catalogue's release" in out
