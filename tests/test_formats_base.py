"""Shared format helpers: decoding, line splitting, padding and balanced wrapping."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from translate.errors import ConfigError, InputError
from translate.files.formats.base import (
    collapse,
    decode_text,
    encode_text,
    errors_option,
    has_words,
    join_lines,
    single_line,
    split_lines,
    split_padding,
    wrap_balanced,
)
from translate.files.formats.text import TextDocument

PATH = Path("in.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("a", [("a", "")]),
        ("a\n", [("a", "\n")]),
        ("a\r\nb", [("a", "\r\n"), ("b", "")]),
        ("a\rb\n\n", [("a", "\r"), ("b", "\n"), ("", "\n")]),
        ("\n\r\n", [("", "\n"), ("", "\r\n")]),
    ],
)
def test_split_lines_keeps_every_ending(text: str, expected: list[tuple[str, str]]) -> None:
    assert split_lines(text) == expected
    assert join_lines(split_lines(text)) == text


def test_decode_reports_line_of_bad_byte() -> None:
    data = "سطر أول\nسطر ثان\n".encode() + b"\xff bad\n"
    with pytest.raises(InputError, match=r"in\.txt: line 3: not valid UTF-8 \(byte 0xff"):
        decode_text(data, PATH)


def test_decode_replace_mode_translates_anyway() -> None:
    text, bom = decode_text(b"ok \xff\n", PATH, "replace")
    assert text == "ok \ufffd\n"
    assert not bom


def test_decode_refuses_nul_bytes_with_line() -> None:
    with pytest.raises(InputError, match=r"line 2: contains NUL bytes"):
        decode_text(b"text\nbin\x00ary", PATH)


def test_decode_names_utf16() -> None:
    with pytest.raises(InputError, match="UTF-16"):
        decode_text("نص".encode("utf-16"), PATH)


def test_bom_is_detected_and_restored() -> None:
    data = codecs.BOM_UTF8 + "نص\n".encode()
    text, bom = decode_text(data, PATH)
    assert (text, bom) == ("نص\n", True)
    assert encode_text(text, bom) == data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  a b \t", ("  ", "a b", " \t")),
        ("", ("", "", "")),
        ("   ", ("   ", "", "")),
        ("x", ("", "x", "")),
    ],
)
def test_split_padding(text: str, expected: tuple[str, str, str]) -> None:
    assert split_padding(text) == expected
    assert "".join(split_padding(text)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("نص", True), ("٣", True), ("2024", True), (" | ", False), ("»«", False), ("\u200f", False)],
)
def test_has_words(text: str, expected: bool) -> None:
    assert has_words(text) is expected


def test_collapse_and_single_line() -> None:
    assert collapse(" a \n\t b  ") == "a b"
    assert single_line("one\ntwo\r\nthree\u2028four ") == "one two three four"


@pytest.mark.parametrize(
    ("text", "lines", "expected"),
    [
        ("aaa bbb ccc ddd", 2, ["aaa bbb", "ccc ddd"]),
        ("a bb ccccccc dd", 2, ["a bb", "ccccccc dd"]),
        ("one", 3, ["one"]),
        ("", 2, []),
        ("x y z", 1, ["x y z"]),
        ("a b c d e f", 3, ["a b", "c d", "e f"]),
    ],
)
def test_wrap_balanced(text: str, lines: int, expected: list[str]) -> None:
    assert wrap_balanced(text, lines) == expected


def test_wrap_long_text_keeps_words_and_line_count() -> None:
    words = [f"w{i}" for i in range(400)]
    lines = wrap_balanced(" ".join(words), 12)
    assert len(lines) == 12
    assert all(lines)
    assert " ".join(lines).split() == words


def test_render_checks_translation_count() -> None:
    doc = TextDocument(PATH, "أ\nب\n", False)
    with pytest.raises(ValueError, match="1 translations given for 2 units"):
        doc.render(["A"])
    with pytest.raises(TypeError):
        doc.render("AB")


def test_translation_line_breaks_cannot_change_line_structure() -> None:
    doc = TextDocument(PATH, "أ\nب\n", False)
    assert doc.render(["A\nA2", "B\r\n"]) == b"A A2\nB\n"


@pytest.mark.parametrize("value", ["ignore", 3])
def test_errors_option_is_validated(value: object) -> None:
    with pytest.raises(ConfigError):
        errors_option({"errors": value})
