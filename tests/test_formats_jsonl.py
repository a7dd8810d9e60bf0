"""JSON Lines: chosen fields translated into new fields, everything else kept as written."""

from __future__ import annotations

import json
from typing import Any

import pytest

from translate.errors import ConfigError
from translate.files.formats import parse_document

RLM = "\u200f"

LINES = [
    '{"id": 1, "text": "عاجل: ارتفاع الأسعار 5%", "meta": {"title": "اقتصاد", "score": 1.50}}',
    '{"id":2,"text":"سطر أول\\nسطر ثان","lang":"ar"}',
    "",
    '{"id": 3, "text": "\\u0645\\u0631\\u062d\\u0628\\u0627", "extra": [1, 2.0e3]}',
    "{not json",
    '["a", "list"]',
    '{"id": 5, "meta": {}}',
    '{"id": 6, "text": null}',
    '{"id": 7, "text": 42}',
    f'{{"id": 8, "text": ["{RLM}أ", 5, "ب"]}}',
]
DATA = ("\n".join(LINES) + "\n").encode()


def fake(text: str) -> str:
    return "EN(" + text + ")"


def test_units_problems_and_locations() -> None:
    doc = parse_document(DATA, "a.jsonl", fields=["text", "meta.title"])
    assert doc.units == [
        "عاجل: ارتفاع الأسعار 5%",
        "اقتصاد",
        "سطر أول",
        "سطر ثان",
        "مرحبا",
        f"{RLM}أ",
        "ب",
    ]
    assert doc.locations[:2] == ["line 1, field text", "line 1, field meta.title"]
    assert doc.locations[-1] == "line 10, field text"
    assert doc.problems == [
        "a.jsonl: line 5: not valid JSON (Expecting property name enclosed in double quotes, "
        "column 2); left as is",
        "a.jsonl: line 6: a JSON list, not an object; left as is",
        "a.jsonl: line 9: field 'text' is a number, not text; left as is",
    ]


def test_fake_translation_adds_fields_beside_sources() -> None:
    doc = parse_document(DATA, "a.jsonl", fields=["text", "meta.title"])
    out = doc.render([fake(u) for u in doc.units]).decode().split("\n")
    assert len(out) == len(LINES) + 1
    first = json.loads(out[0])
    assert list(first) == ["id", "text", "text_en", "meta"]
    assert list(first["meta"]) == ["title", "title_en", "score"]
    assert first["text_en"] == "EN(عاجل: ارتفاع الأسعار 5%)"
    assert first["meta"]["title_en"] == "EN(اقتصاد)"
    # the rest of the line is the original text: same spacing and number spelling
    assert out[0].startswith('{"id": 1, "text": "عاجل: ارتفاع الأسعار 5%", "text_en": ')
    assert '"score": 1.50}}' in out[0]
    assert out[1] == (
        '{"id":2,"text":"سطر أول\\nسطر ثان","text_en":"EN(سطر أول)\\nEN(سطر ثان)","lang":"ar"}'
    )
    assert out[3].startswith('{"id": 3, "text": "\\u0645\\u0631')  # escapes untouched
    assert '"text_en": "EN(مرحبا)"' in out[3]  # written as real characters
    for index in (2, 4, 5, 6, 7, 8):
        assert out[index] == LINES[index]  # blank, invalid, non-object, missing, null, number
    assert json.loads(out[9])["text_en"] == [f"EN({RLM}أ)", 5, "EN(ب)"]


def test_identity_render_changes_nothing_but_the_added_fields() -> None:
    doc = parse_document(DATA, "a.jsonl", fields=["text", "meta.title"])
    out = doc.render(doc.units).decode().split("\n")
    for original, written in zip(LINES, out, strict=False):
        try:
            before = json.loads(original)
        except json.JSONDecodeError:
            assert written == original
            continue
        after = json.loads(written)
        if isinstance(before, dict):
            after.pop("text_en", None)
            if isinstance(after.get("meta"), dict):
                after["meta"].pop("title_en", None)
        assert after == before


def test_rerun_replaces_existing_output_field_in_place() -> None:
    data = '{"text": "نص", "text_en": "old", "n": 1}\r\n'.encode()
    doc = parse_document(data, "a.jsonl")
    assert doc.render(["new"]) == b'{"text": "\xd9\x86\xd8\xb5", "text_en": "new", "n": 1}\r\n'


@pytest.mark.parametrize(
    ("options", "expected_key"),
    [
        ({"output_field": "english"}, "english"),
        ({"output_field": "{field}_translated"}, "body_translated"),
        ({"output_field": ["t_en"]}, "t_en"),
        ({"output_field": "body"}, "body"),
    ],
)
def test_output_field_option(options: dict[str, Any], expected_key: str) -> None:
    doc = parse_document('{"body": "نص"}'.encode(), "a.jsonl", fields="body", **options)
    obj = json.loads(doc.render(["text"]))
    assert obj[expected_key] == "text"
    assert len(obj) == (1 if expected_key == "body" else 2)


@pytest.mark.parametrize(
    "options",
    [
        {"fields": ["a", "b"], "output_field": "same"},
        {"fields": ["a", "b"], "output_field": ["x", "y", "z"]},
        {"fields": ["a", "a_en"]},
        {"fields": ["a..b"]},
        {"fields": [1]},
        {"fields": ["a", "b"], "output_field": ["b", "c"]},
    ],
)
def test_conflicting_or_invalid_options(options: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        parse_document(b'{"a": "x"}\n', "a.jsonl", **options)


def test_missing_field_everywhere_is_not_an_error() -> None:
    data = b'{"title": "x"}\n{"id": 2}\n'
    doc = parse_document(data, "a.jsonl")
    assert doc.units == []
    assert doc.problems == []
    assert doc.render([]) == data


def test_duplicate_keys_follow_json_semantics() -> None:
    doc = parse_document('{"text": "قديم", "text": "جديد"}'.encode(), "a.jsonl")
    assert doc.units == ["جديد"]
    assert json.loads(doc.render(["new"]))["text_en"] == "new"
