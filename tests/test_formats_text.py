"""Plain text files: one unit per non-blank line, everything else byte for byte."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from translate.errors import InputError
from translate.files.formats import parse_document

RLM = "\u200f"


def fake(text: str) -> str:
    return "EN(" + text + ")"


CASES = {
    "lf": f"الخبر الأول {RLM}اليوم.\n\nالسطر الثالث فيه 3.5 و٣٫٥\n",
    "crlf": "سطر أول\r\n   \r\n\tسطر مزاح  \r\n",
    "no-final-newline": "أ\nب",
    "whitespace-only": "  \n\t\n",
    "empty": "",
    "mixed-endings": "أ\r\nب\nج\rد",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_identity_round_trip_is_byte_exact(name: str) -> None:
    data = CASES[name].encode()
    doc = parse_document(data, "a.txt")
    assert doc.render(doc.units) == data


def test_units_are_stripped_non_blank_lines_with_line_numbers() -> None:
    doc = parse_document(CASES["crlf"].encode(), "a.txt")
    assert doc.units == ["سطر أول", "سطر مزاح"]
    assert doc.locations == ["line 1", "line 3"]
    assert doc.problems == []


def test_fake_translation_keeps_structure() -> None:
    doc = parse_document(CASES["crlf"].encode(), "a.txt")
    out = doc.render([fake(u) for u in doc.units])
    assert out == "EN(سطر أول)\r\n   \r\n\tEN(سطر مزاح)  \r\n".encode()


def test_bidi_marks_and_numbers_reach_the_engine_unchanged() -> None:
    doc = parse_document(CASES["lf"].encode(), "a.txt")
    assert doc.units == [f"الخبر الأول {RLM}اليوم.", "السطر الثالث فيه 3.5 و٣٫٥"]
    out = doc.render([fake(u) for u in doc.units]).decode()
    assert out.count("\n") == 3
    assert out.split("\n")[1] == ""


def test_bom_survives() -> None:
    data = codecs.BOM_UTF8 + "نص\n".encode()
    doc = parse_document(data, "a.txt")
    assert doc.render(["text"]) == codecs.BOM_UTF8 + b"text\n"


def test_undecodable_file_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"bad\.txt: line 2: not valid UTF-8"):
        parse_document("سطر\n".encode() + b"\xd8\n", tmp_path / "bad.txt")


def test_errors_replace_option() -> None:
    doc = parse_document(b"ok\xff\n", "a.txt", errors="replace")
    assert doc.units == ["ok\ufffd"]


def test_binary_file_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        parse_document(b"\x89PNG\r\n\x1a\n\x00\x00", "image.txt")
