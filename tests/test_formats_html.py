"""HTML: text nodes and alt/title translated; tags, attributes and code kept byte for byte."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from translate.errors import InputError
from translate.files.formats import parse_document

RLM = "\u200f"

PAGE = f"""<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <title>أخبار اليوم</title>
  <style>p > b {{ color: red; }}</style>
  <script>if (a < b && c) {{ document.title = "عنوان"; }}</script>
</head>
<body>
  <!-- تعليق لا يترجم -->
  <div dir="rtl" lang="ar" class="main">
    <h1 title="العنوان الرئيسي">ارتفاع الأسعار {RLM}بنسبة 5%</h1>
    <p>نص <b>غامق</b> &amp; نص&nbsp;آخر &#1605;</p>
    <img src="chart.png" alt="رسم بياني">
    <pre>كود   محفوظ</pre>
    <p>استخدم <code>ls -la</code> ثم <kbd>Enter</kbd></p>
    <p translate="no">اسم علم</p>
    <p class="x notranslate">لا تترجم</p>
    <p>بعد | قبل</p>
    <ul><li>أولا<li>ثانيا</ul>
  </div>
</body>
</html>
"""


def fake(text: str) -> str:
    return "EN(" + text + ")"


class TagTree(HTMLParser):
    """Start/end tags with their attributes, minus those a translation may change."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = [(k, v) for k, v in attrs if k not in ("alt", "title", "lang", "dir")]
        self.tags.append(("start", tag, kept))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(("end", tag, []))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def tree(text: str) -> TagTree:
    parser = TagTree()
    parser.feed(text)
    parser.close()
    return parser


def test_units() -> None:
    doc = parse_document(PAGE.encode(), "a.html")
    assert doc.units == [
        "أخبار اليوم",
        "العنوان الرئيسي",
        f"ارتفاع الأسعار {RLM}بنسبة 5%",
        "نص",
        "غامق",
        "& نص آخر م",  # whitespace collapsed, as a browser shows it
        "رسم بياني",
        "استخدم",
        "ثم",
        "بعد | قبل",
        "أولا",
        "ثانيا",
    ]
    assert doc.locations[1] == "line 12, <h1 title>"
    assert doc.locations[0] == "line 5"


def test_identity_render_only_sets_language_and_direction() -> None:
    doc = parse_document(PAGE.encode(), "a.html")
    expected = (
        PAGE.replace("<html>", '<html lang="en" dir="ltr">')
        .replace('dir="rtl" lang="ar"', 'dir="ltr" lang="en"')
        .encode()
    )
    assert doc.render(doc.units) == expected


def test_fake_translation_keeps_tag_tree_and_untouched_content() -> None:
    doc = parse_document(PAGE.encode(), "a.html")
    out = doc.render([fake(u) for u in doc.units]).decode()
    assert tree(out).tags == tree(PAGE).tags
    for kept in (
        '<script>if (a < b && c) { document.title = "عنوان"; }</script>',
        "<style>p > b { color: red; }</style>",
        "<pre>كود   محفوظ</pre>",
        "<code>ls -la</code>",
        "<kbd>Enter</kbd>",
        '<p translate="no">اسم علم</p>',
        '<p class="x notranslate">لا تترجم</p>',
        "<!-- تعليق لا يترجم -->",
    ):
        assert kept in out
    assert "<p>EN(نص) <b>EN(غامق)</b> EN(&amp; نص آخر م)</p>" in out
    assert '<h1 title="EN(العنوان الرئيسي)">' in out
    assert 'alt="EN(رسم بياني)"' in out
    assert "<title>EN(أخبار اليوم)</title>" in out


def test_translations_are_escaped() -> None:
    doc = parse_document('<p title="عنوان">نص</p>'.encode(), "a.html")
    out = doc.render(['Say "hi" & <go>', "a < b & c"]).decode()
    assert out == '<p title="Say &quot;hi&quot; &amp; &lt;go&gt;">a &lt; b &amp; c</p>'
    assert tree(out).data == ["a < b & c"]


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ('<html lang="ar" dir="rtl">', '<html lang="en" dir="ltr">'),
        ("<html lang='ar-EG'>", "<html lang='en' dir=\"ltr\">"),
        ('<html xml:lang="ar" xmlns="http://www.w3.org/1999/xhtml"/>', None),
        ("<HTML DIR=RTL>", '<HTML DIR="ltr" lang="en">'),
    ],
)
def test_html_language_and_direction(tag: str, expected: str | None) -> None:
    doc = parse_document(f"{tag}<p>نص</p>".encode(), "a.html")
    out = doc.render(doc.units).decode()
    if expected is None:
        assert out.startswith('<html xml:lang="en" xmlns="http://www.w3.org/1999/xhtml" ')
        assert 'lang="en" dir="ltr"/>' in out
    else:
        assert out == expected + "<p>نص</p>"


def test_opt_outs_cover_attributes_but_code_elements_do_not() -> None:
    text = '<p translate="no" title="عنوان">نص</p><textarea placeholder="اكتب هنا">نص</textarea>'
    doc = parse_document(text.encode(), "a.html")
    assert doc.units == ["اكتب هنا"]


def test_fragment_gets_no_new_attributes() -> None:
    data = "<p>نص</p>\n".encode()
    doc = parse_document(data, "a.htm")
    assert doc.render(doc.units) == data


def test_legacy_charset_is_read_and_output_declared_utf8() -> None:
    page = '<html><head><meta charset="windows-1256"></head><body><p>مرحبا</p></body></html>'
    doc = parse_document(page.encode("cp1256"), "old.html")
    assert doc.units == ["مرحبا"]
    out = doc.render(["Hello"]).decode("utf-8")
    assert '<meta charset="utf-8">' in out
    assert "<p>Hello</p>" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<p>نص</p>\n<script>var a = 1;\n", r"line 2: <script> is never closed"),
        ("<p>نص</p>\n\n<pre>كود\n<p>المزيد</p>\n", r"line 3: <pre> is never closed"),
        ("<p>نص</p>\n<!-- تعليق بلا نهاية\n<p>نص</p>\n", r"line 2: unterminated tag or comment"),
        ('<p>نص</p>\n<a href="x\n', r"line 2: unterminated tag or comment"),
    ],
)
def test_broken_html_is_refused_with_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=r"bad\.html: " + message):
        parse_document(text.encode(), "bad.html")


def test_undecodable_html_without_charset() -> None:
    with pytest.raises(InputError, match="not valid UTF-8"):
        parse_document("<p>مرحبا</p>".encode("cp1256"), "bad.html")
