"""SRT and WebVTT: only cue text translated; numbers, timings, settings, blocks untouched."""

from __future__ import annotations

import re

import pytest

from translate.errors import InputError
from translate.files.formats import parse_document
from translate.files.formats.subtitles import peel_tags

RLM = "\u200f"

SRT = (
    "1\n"
    "00:00:01,000 --> 00:00:03,500\n"
    f"<i>قال الوزير {RLM}إن الاجتماع</i>\n"
    "<i>سيعقد يوم 12 مارس</i>\n"
    "\n"
    "2\n"
    "00:00:04,000 --> 00:00:05,000 X1:100 X2:600 Y1:10 Y2:50\n"
    "{\\an8}- مرحبا\n"
    "- أهلا بك ٣ مرات\n"
    "\n"
    "3\n"
    "00:00:06,000 --> 00:00:08,000\n"
    "نص <b>غامق</b> في الوسط\n"
    "\n"
    "4\n"
    "00:00:09,000 --> 00:00:10,000\n"
    "♪ ♪\n"
)

VTT = (
    "WEBVTT - نشرة الأخبار\n"
    "Kind: captions\n"
    "\n"
    "NOTE هذه ملاحظة\n"
    "لا تترجم\n"
    "\n"
    "STYLE\n"
    "::cue { color: yellow }\n"
    "\n"
    "intro\n"
    "00:01.000 --> 00:04.000 align:right position:90%\n"
    "<v أحمد>الأسعار &amp; الأجور\n"
    "ارتفعت 5%\n"
    "\n"
    "01:00:05.000 --> 01:00:06.000\n"
    "<c.yellow>شكرا</c>\n"
)


def fake(text: str) -> str:
    return "EN(" + text + ")"


def timing_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "-->" in line]


def cue_numbers(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.fullmatch(r"\d+", line)]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize(("name", "text"), [("a.srt", SRT), ("a.vtt", VTT)])
def test_identity_round_trip_is_byte_exact(name: str, text: str, newline: str) -> None:
    data = text.replace("\n", newline).encode()
    doc = parse_document(data, name)
    assert doc.render(doc.units) == data


def test_srt_units() -> None:
    doc = parse_document(SRT.encode(), "a.srt")
    assert doc.units == [
        f"قال الوزير {RLM}إن الاجتماع سيعقد يوم 12 مارس",
        "مرحبا",
        "أهلا بك ٣ مرات",
        "نص غامق في الوسط",
    ]
    assert doc.locations == ["line 3", "line 8", "line 9", "line 13"]


def test_srt_fake_translation_keeps_structure() -> None:
    doc = parse_document(SRT.encode(), "a.srt")
    out = doc.render([fake(u) for u in doc.units]).decode()
    assert timing_lines(out) == timing_lines(SRT)
    assert cue_numbers(out) == cue_numbers(SRT)
    blocks = out.split("\n\n")
    assert len(blocks) == 4
    first = blocks[0].split("\n")[2:]
    # re-wrapped into the original two lines, each keeping its italic tags
    assert len(first) == 2
    assert all(line.startswith("<i>") and line.endswith("</i>") for line in first)
    assert " ".join(line[3:-4] for line in first) == fake(doc.units[0])
    assert blocks[1].split("\n")[2:] == ["{\\an8}- EN(مرحبا)", "- EN(أهلا بك ٣ مرات)"]
    assert blocks[2].split("\n")[2:] == ["EN(نص غامق في الوسط)"]
    assert blocks[3] == SRT.split("\n\n")[3]
    assert out.endswith("♪ ♪\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<i>نص</i>", ("<i>", "نص", "</i>")),
        ("{\\an8}<i>نص</i>", ("{\\an8}<i>", "نص", "</i>")),
        ("نص <b>غامق</b> نص", ("", "نص غامق نص", "")),
        ("<i>نص</i> آخر", ("", "نص آخر", "")),
        ("نص {\\i1}مائل", ("{\\i1}", "نص مائل", "")),
        ("<v Bob>نص", ("<v Bob>", "نص", "")),
        ('<font color="#ff0">نص</font>', ('<font color="#ff0">', "نص", "</font>")),
        ("3 < 4 و 5 > 2", ("", "3 < 4 و 5 > 2", "")),
    ],
)
def test_peel_tags(text: str, expected: tuple[str, str, str]) -> None:
    assert peel_tags(text) == expected


def test_vtt_blocks_settings_and_escaping() -> None:
    doc = parse_document(VTT.encode(), "a.vtt")
    assert doc.units == ["الأسعار & الأجور ارتفعت 5%", "شكرا"]
    out = doc.render(["Prices & wages <rose> by 5%", "Thanks"]).decode()
    head = VTT.split("intro\n")[0]
    assert out.startswith(head + "intro\n")
    assert timing_lines(out) == timing_lines(VTT)
    cue = out.split("\n\n")[3].split("\n")
    assert cue[2].startswith("<v أحمد>")
    assert "&amp;" in out and "&lt;rose&gt;" in out
    assert len(cue) == 4  # id, timing, two text lines as before
    assert out.endswith("<c.yellow>Thanks</c>\n")


def test_vtt_needs_header() -> None:
    with pytest.raises(InputError, match=r"line 1: a WebVTT file must start with 'WEBVTT'"):
        parse_document(b"00:01.000 --> 00:02.000\nx\n", "a.vtt")


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("a.srt", "1\n00:00:01,000 --> 00:00:0x,000\nنص\n", 2),
        ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nنص\n\n2\n00:00:03 --> 00:00:04\nنص\n", 6),
        ("a.vtt", "WEBVTT\n\n00:01.000 -> 00:02.000\nنص\n\n00:01,000 --> 00:02.000\nنص\n", 6),
    ],
)
def test_malformed_timing_names_the_line(name: str, text: str, line: int) -> None:
    with pytest.raises(InputError, match=rf"{name}: line {line}: malformed cue timing"):
        parse_document(text.encode(), name)


def test_text_outside_cues_is_reported_and_kept() -> None:
    text = "مقدمة بلا توقيت\n\n1\n00:00:01,000 --> 00:00:02,000\nنص\n"
    doc = parse_document(text.encode(), "a.srt")
    assert doc.units == ["نص"]
    assert doc.problems == ["a.srt: line 1: text outside any cue left unchanged"]
    assert doc.render(["text"]).decode().startswith("مقدمة بلا توقيت\n")


def test_file_without_cues_is_refused_but_empty_file_is_fine() -> None:
    with pytest.raises(InputError, match="no subtitle cues"):
        parse_document("مجرد نص\n".encode(), "a.srt")
    assert parse_document(b"", "a.srt").render([]) == b""


def test_missing_final_newline_and_short_translation() -> None:
    text = "1\r\n00:00:01,000 --> 00:00:02,000\r\nسطر أول طويل\r\nوسطر ثان"
    doc = parse_document(text.encode(), "a.srt")
    out = doc.render(["Hi"]).decode()
    assert out == "1\r\n00:00:01,000 --> 00:00:02,000\r\nHi"
    out = doc.render(["First long line and a second"]).decode()
    assert out.endswith("\r\nFirst long line\r\nand a second")


def test_srt_cues_without_blank_separator() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nأ\n2\n00:00:03,000 --> 00:00:04,000\nب\n"
    doc = parse_document(text.encode(), "a.srt")
    assert doc.units == ["أ", "ب"]
    assert cue_numbers(doc.render(["A", "B"]).decode()) == ["1", "2"]
