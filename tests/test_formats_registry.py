"""The format registry: detection by extension, output names, options, reading files."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.errors import ConfigError, InputError
from translate.files.formats import (
    FORMATS,
    detect_format,
    output_name,
    parse_document,
    read_document,
)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "txt"),
        ("A.TXT", "txt"),
        ("s.ar.srt", "srt"),
        ("s.vtt", "vtt"),
        ("d.jsonl", "jsonl"),
        ("d.ndjson", "jsonl"),
        ("r.docx", "docx"),
        ("p.html", "html"),
        ("p.htm", "html"),
        ("n.md", "md"),
        ("n.markdown", "md"),
    ],
)
def test_detect_format(name: str, fmt: str) -> None:
    assert detect_format(Path("dir") / name) == fmt


@pytest.mark.parametrize("name", ["a.pdf", "README", "a.doc"])
def test_unknown_extension_is_an_input_error(name: str) -> None:
    with pytest.raises(InputError, match="unsupported file type"):
        detect_format(name)


@pytest.mark.parametrize(
    ("name", "suffix", "expected"),
    [
        ("report.ar.txt", ".en", "report.en.txt"),
        ("report.txt", ".en", "report.en.txt"),
        ("subs.ar.srt", ".en", "subs.en.srt"),
        ("dir/doc.AR.docx", ".en", "doc.en.docx"),
        ("page.ar-SA.html", ".en", "page.en.html"),
        ("arabic.md", ".en", "arabic.en.md"),
        ("report.ar.txt", "-english", "report-english.txt"),
        ("data.2024.jsonl", ".en", "data.2024.en.jsonl"),
        ("README", ".en", "README.en"),
    ],
)
def test_output_name(name: str, suffix: str, expected: str) -> None:
    assert output_name(Path(name), suffix) == expected


def test_every_extension_belongs_to_one_format() -> None:
    extensions = [ext for spec in FORMATS.values() for ext in spec.extensions]
    assert len(extensions) == len(set(extensions))
    for spec in FORMATS.values():
        for ext in spec.extensions:
            assert detect_format("x" + ext) == spec.name


def test_read_document_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_document(tmp_path / "missing.txt")


def test_format_override_and_foreign_options_ignored(tmp_path: Path) -> None:
    path = tmp_path / "notes.log"
    path.write_text("سطر\n", encoding="utf-8", newline="\n")
    doc = read_document(path, "txt", fields=["text"], errors="strict")
    assert doc.units == ["سطر"]
    assert doc.path == path


def test_unknown_option_and_format_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="unknown format option"):
        parse_document(b"x", "a.txt", colour="red")
    with pytest.raises(ConfigError, match="unknown format 'pdf'"):
        parse_document(b"x", "a.txt", "pdf")
