"""Markdown: prose translated; code, link targets, front matter and markers untouched."""

from __future__ import annotations

import pytest

from translate.files.formats import parse_document
from translate.files.formats.markdown import inline_tokens

RLM = "\u200f"
HARD_BREAK = "  "  # two trailing spaces: a Markdown hard line break

DOC = f"""---
title: تقرير
tags: [أخبار]
---
# تقرير الأسبوع #

فقرة أولى فيها `code` و [رابط](https://example.com/a_b "عنوان") و **غامق**
تكملة الفقرة في سطر ثان.{RLM}{HARD_BREAK}
سطر بعد كسر صريح فيه 3.5%

- عنصر أول
- [ ] مهمة لم تنجز
1. بند مرقم

> اقتباس طويل
> يكمل هنا

```python
print("مرحبا")
```

    كود بمسافات

| الاسم | العمر |
|:------|------:|
| أحمد | `30` |

<div align="right">
نص HTML
</div>

![صورة الخريطة](img/map.png)
راجع <https://example.com> و snake_case_name.

[مرجع]: https://example.com/ref
"""


def fake(text: str) -> str:
    return "EN(" + text + ")"


def test_identity_round_trip_is_byte_exact() -> None:
    for text in (DOC, DOC.replace("\n", "\r\n"), DOC.rstrip("\n")):
        doc = parse_document(text.encode(), "a.md")
        assert doc.render(doc.units) == text.encode()


def test_units() -> None:
    doc = parse_document(DOC.encode(), "a.md")
    assert doc.units == [
        "تقرير الأسبوع",
        "فقرة أولى فيها",
        "و",
        "رابط",
        "و",
        "غامق",
        f"تكملة الفقرة في سطر ثان.{RLM}",
        "سطر بعد كسر صريح فيه 3.5%",
        "عنصر أول",
        "مهمة لم تنجز",
        "بند مرقم",
        "اقتباس طويل يكمل هنا",
        "الاسم",
        "العمر",
        "أحمد",
        "صورة الخريطة",
        "راجع",
        "و snake_case_name.",
    ]
    assert doc.locations[0] == "line 5"
    assert doc.locations[6] == "line 8"
    assert doc.locations[-1] == "line 33"


def test_fake_translation_keeps_markup() -> None:
    doc = parse_document(DOC.encode(), "a.md")
    out = doc.render([fake(u) for u in doc.units]).decode()
    lines = out.split("\n")
    assert len(lines) == len(DOC.split("\n"))
    assert out.startswith("---\ntitle: تقرير\ntags: [أخبار]\n---\n# EN(تقرير الأسبوع) #\n")
    assert (
        'EN(فقرة أولى فيها) `code` EN(و) [EN(رابط)](https://example.com/a_b "عنوان") '
        "EN(و) **EN(غامق)**\n"
    ) in out
    assert f"EN(تكملة الفقرة في سطر ثان.{RLM})  \nEN(سطر بعد كسر صريح فيه 3.5%)\n" in out
    assert "- EN(عنصر أول)\n- [ ] EN(مهمة لم تنجز)\n1. EN(بند مرقم)\n" in out
    quote = [line for line in lines if line.startswith(">")]
    assert len(quote) == 2
    assert " ".join(line[2:] for line in quote) == "EN(اقتباس طويل يكمل هنا)"
    for kept in (
        '```python\nprint("مرحبا")\n```\n',
        "\n    كود بمسافات\n",
        "|:------|------:|\n",
        '<div align="right">\nنص HTML\n</div>\n',
        "[مرجع]: https://example.com/ref\n",
    ):
        assert kept in out
    assert "| EN(الاسم) | EN(العمر) |\n" in out
    assert "| EN(أحمد) | `30` |\n" in out
    assert "![EN(صورة الخريطة)](img/map.png)\n" in out
    assert "EN(راجع) <https://example.com> EN(و snake_case_name.)" in out


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("نص [رابط [داخلي]](u) بعد", ["نص", "رابط [داخلي]", "بعد"]),
        ("نص [رابط [داخلي](v)](u) بعد", ["نص", "رابط", "داخلي", "بعد"]),
        ("[![صورة](i.png)](https://x)", ["صورة"]),
        ("مرجع [نص][ref] هنا", ["مرجع", "نص", "هنا"]),
        ("أقواس [ليست رابطا] هنا", ["أقواس [ليست رابطا] هنا"]),
        ("ضرب 3 * 4 = 12", ["ضرب 3 * 4 = 12"]),
        ("نص *مائل* و ~~محذوف~~", ["نص", "مائل", "و", "محذوف"]),
        ("هروب \\* نجمة", ["هروب", "نجمة"]),
        ("كود ``فيه ` علامة`` انتهى", ["كود", "انتهى"]),
        ("وسم <span class='x'>داخل</span> سطر", ["وسم", "داخل", "سطر"]),
        ("`غير مغلق", ["غير مغلق"]),
        ("## C# لغة", ["C# لغة"]),
        ("# عنوان\nنص", ["عنوان", "نص"]),
        ("#وسم ليس عنوانا", ["#وسم ليس عنوانا"]),
        ("***", []),
        ("نص\n---\n", ["نص"]),
        ("1) أول\n2) ثان", ["أول", "ثان"]),
        (
            "- عنصر\n  تكملة\n\n  فقرة في العنصر\n\n      كود في العنصر",
            ["عنصر تكملة", "فقرة في العنصر"],
        ),
        ("+++\nx = 'نص'\n+++\nنص", ["نص"]),
        ("<!-- تعليق\nطويل -->\nنص", ["نص"]),
        ("~~~\nكود\n~~~~\nنص", ["نص"]),
    ],
)
def test_unit_granularity(text: str, units: list[str]) -> None:
    doc = parse_document(text.encode(), "a.md")
    assert doc.units == units
    assert doc.render(doc.units) == text.encode()


@pytest.mark.parametrize(
    "text",
    [
        "نص **غامق** و `code` و [رابط](u) \\* <b>x</b>",
        "سطر  \nسطر\\\nسطر",
        "[غير مغلق](",
        "_a_ __b__ *c* ~d~",
        "",
    ],
)
def test_inline_tokens_cover_the_text(text: str) -> None:
    tokens = inline_tokens(text)
    assert "".join(piece for _, piece in tokens) == text


def test_wrapped_paragraph_is_one_unit_rewrapped_to_its_lines() -> None:
    text = "> سطر أول من فقرة\n> والسطر الثاني منها\n"
    doc = parse_document(text.encode(), "a.md")
    assert doc.units == ["سطر أول من فقرة والسطر الثاني منها"]
    out = doc.render(["one two three four five six"]).decode()
    assert out == "> one two three\n> four five six\n"
    assert doc.render(["short"]).decode() == "> short\n"
