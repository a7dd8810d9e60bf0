"""Word documents: paragraphs, tables, headers/footers translated; layout kept; set to LTR."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from translate.errors import InputError
from translate.files.formats import parse_document

docx = pytest.importorskip("docx")
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.oxml import OxmlElement, parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

RLM = "\u200f"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def fake(text: str) -> str:
    return "EN(" + text + ")"


def _rtl(paragraph: Any) -> None:
    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def _field_runs(instruction: str, result: str) -> list[Any]:
    xml = (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r {nsdecls('w')}><w:t>{result}</w:t></w:r>"
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return [parse_xml(part + "</w:r>") for part in xml.split("</w:r>")[:-1]]


def build() -> bytes:
    doc = docx.Document()
    heading = doc.add_paragraph(style="Heading 1")
    heading.add_run("تقرير ").bold = True
    heading.add_run(f"{RLM}الربع الأول 2024")
    _rtl(heading)
    doc.add_paragraph("السطر ١\tقيمة\nالسطر ٢")
    link = doc.add_paragraph("انظر ")
    link._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="rId99"><w:r><w:t>الموقع</w:t></w:r>'
            "</w:hyperlink>"
        )
    )
    link.add_run(" للتفاصيل")
    sized = doc.add_paragraph()
    sized_run = sized.add_run("خط كبير")
    sized_run._r.get_or_add_rPr().append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="32"/>'))
    table = doc.add_table(rows=2, cols=2)
    table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
    table.cell(0, 0).text = "الاسم"
    table.cell(0, 1).text = "العمر"
    table.cell(1, 0).text = "أحمد"
    inner = table.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "جدول داخلي"
    section = doc.sections[0]
    section._sectPr.append(OxmlElement("w:bidi"))
    section.header.paragraphs[0].text = "ترويسة التقرير"
    footer = section.footer.paragraphs[0]
    footer.add_run("صفحة ")
    for run in _field_runs("PAGE", "3"):
        footer._p.append(run)
    footer.add_run(" من 10")
    normal = doc.styles["Normal"].element
    normal.get_or_add_pPr().append(OxmlElement("w:bidi"))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


DATA = build()


def body_texts(document: Any) -> list[str]:
    return [
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for p in document.element.body.iter(qn("w:p"))
    ]


def open_bytes(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def test_units_and_locations() -> None:
    doc = parse_document(DATA, "r.docx")
    assert doc.units == [
        "تقرير",  # bold, then plain: one unit per format (was one unit, all bold)
        f"{RLM}الربع الأول 2024",
        "السطر ١",
        "قيمة",
        "السطر ٢",
        "انظر",
        "الموقع",
        "للتفاصيل",
        "خط كبير",
        "الاسم",
        "العمر",
        "أحمد",
        "جدول داخلي",
        "ترويسة التقرير",
        "صفحة",
        "من 10",
    ]
    assert doc.locations[0] == "paragraph 1"
    assert doc.locations[-3:] == [
        "word/header1.xml paragraph 1",
        "word/footer1.xml paragraph 1",
        "word/footer1.xml paragraph 1",
    ]


def test_fake_translation_keeps_structure_and_formatting() -> None:
    doc = parse_document(DATA, "r.docx")
    out = open_bytes(doc.render([fake(u) for u in doc.units]))
    before = open_bytes(DATA)
    assert len(out.paragraphs) == len(before.paragraphs)
    assert len(out.tables) == len(before.tables) == 1
    assert len(out.tables[0].cell(1, 1).tables) == 1
    assert len(list(out.element.body.iter(qn("w:p")))) == len(
        list(before.element.body.iter(qn("w:p")))
    )
    assert [p.style.name for p in out.paragraphs] == [p.style.name for p in before.paragraphs]
    heading = out.paragraphs[0]
    assert heading.text == f"EN(تقرير) EN({RLM}الربع الأول 2024)"
    assert [run.bold for run in heading.runs] == [True, None]
    assert out.paragraphs[1].text == "EN(السطر ١)\tEN(قيمة)\nEN(السطر ٢)"
    assert out.paragraphs[2].text == "EN(انظر) EN(الموقع) EN(للتفاصيل)"
    hyperlink = out.paragraphs[2]._p.find(qn("w:hyperlink"))
    assert "".join(t.text for t in hyperlink.iter(qn("w:t"))) == "EN(الموقع)"
    assert out.tables[0].cell(1, 1).tables[0].cell(0, 0).text == "EN(جدول داخلي)"
    assert out.sections[0].header.paragraphs[0].text == "EN(ترويسة التقرير)"
    footer = out.sections[0].footer.paragraphs[0]
    assert footer.text == "EN(صفحة) 3 EN(من 10)"
    assert "PAGE" in "".join(t.text for t in footer._p.iter(qn("w:instrText")))
    size = out.paragraphs[3].runs[0]._r.rPr.find(qn("w:sz"))
    assert size is not None and size.get(qn("w:val")) == "32"


def test_output_is_left_to_right_and_english() -> None:
    doc = parse_document(DATA, "r.docx")
    rendered = doc.render([fake(u) for u in doc.units])
    with zipfile.ZipFile(io.BytesIO(rendered)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                xml = archive.read(name).decode()
                for tag in ("<w:bidi/>", "<w:bidi ", "<w:rtl", "<w:bidiVisual"):
                    assert tag not in xml, (name, tag)
    out = open_bytes(rendered)
    langs = [run._r.rPr.find(qn("w:lang")) for run in out.paragraphs[0].runs]
    assert all(lang is not None and lang.get(qn("w:val")) == "en-US" for lang in langs)
    defaults = out.styles.element.find(f"{{{W_NS}}}docDefaults/{{{W_NS}}}rPrDefault/{{{W_NS}}}rPr")
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "en-US"


def test_identity_render_keeps_text_and_runs() -> None:
    doc = parse_document(DATA, "r.docx")
    out = open_bytes(doc.render(doc.units))
    before = open_bytes(DATA)
    assert body_texts(out) == body_texts(before)
    assert len(out.paragraphs[0].runs) == 2  # unchanged groups are not rewritten


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xd0\xcf\x11\xe0 an old OLE .doc file", "old .doc file"),
        (DATA[: len(DATA) // 2], "not a valid .docx file"),
        (b"PK\x05\x06" + b"\x00" * 18, "not a valid .docx file"),
    ],
)
def test_corrupt_docx_is_an_input_error(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=r"bad\.docx: .*" + reason):
        parse_document(data, "bad.docx")


def test_zip_that_is_not_a_word_document() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "نص")
    with pytest.raises(InputError, match=r"bad\.docx: not a valid \.docx file"):
        parse_document(buffer.getvalue(), "bad.docx")


def test_missing_python_docx_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(InputError, match=r"needs python-docx.*: pip install python-docx$"):
        parse_document(DATA, "r.docx")


def test_python_docx_is_a_core_dependency() -> None:
    # `pip install .` must be enough for .docx inputs: no extra to know about.
    tomllib = pytest.importorskip("tomllib")
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    names = [re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0] for spec in project["dependencies"]]
    assert "python-docx" in names


def test_render_is_byte_identical_run_after_run() -> None:
    import time

    data = build()
    units = parse_document(data, "same.docx").units
    first = parse_document(data, "same.docx").render([fake(u) for u in units])
    time.sleep(2.1)  # zip timestamps have a two-second resolution
    second = parse_document(data, "same.docx").render([fake(u) for u in units])
    assert first == second


# --- formatting per segment, and alignment of RTL paragraphs -------------------------


def _run(paragraph: Any, text: str, *props: str) -> Any:
    """A run with raw run properties: ``_run(p, "نص", "b", 'lang w:bidi="ar-SA"')``."""
    run = paragraph.add_run(text)
    for prop in props:
        name, _, attributes = prop.partition(" ")
        run._r.get_or_add_rPr().append(parse_xml(f"<w:{name} {nsdecls('w')} {attributes}/>"))
    return run


def _save(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _render_fake(data: bytes) -> tuple[Any, Any]:
    parsed = parse_document(data, "f.docx")
    return parsed, open_bytes(parsed.render([fake(u) for u in parsed.units]))


def _runs(paragraph: Any) -> list[tuple[str, bool | None, bool | None]]:
    return [(run.text, run.bold, run.italic) for run in paragraph.runs]


def test_bold_run_then_plain_run_keep_their_formatting() -> None:
    doc = docx.Document()
    paragraph = doc.add_paragraph()
    paragraph.add_run("عاجل: ").bold = True
    paragraph.add_run("وصل الوفد إلى القاهرة.")
    parsed, out = _render_fake(_save(doc))
    assert parsed.units == ["عاجل:", "وصل الوفد إلى القاهرة."]
    assert _runs(out.paragraphs[0]) == [
        ("EN(عاجل:) ", True, None),
        ("EN(وصل الوفد إلى القاهرة.)", None, None),
    ]


def test_each_format_segment_is_written_into_its_own_run() -> None:
    doc = docx.Document()
    paragraph = doc.add_paragraph()
    paragraph.add_run("قال الوزير ")
    paragraph.add_run("إن الاتفاق").italic = True
    paragraph.add_run(" سيوقع ")
    paragraph.add_run("غدا")  # plain as well, in a run of its own
    parsed, out = _render_fake(_save(doc))
    assert parsed.units == ["قال الوزير", "إن الاتفاق", "سيوقع غدا"]
    assert _runs(out.paragraphs[0]) == [
        ("EN(قال الوزير) ", None, None),
        ("EN(إن الاتفاق)", None, True),
        (" EN(سيوقع غدا)", None, None),
    ]


def test_differences_invisible_in_english_do_not_cut() -> None:
    doc = docx.Document()
    paragraph = doc.add_paragraph()
    _run(paragraph, "تعهد الوزيران ", "b", "bCs", "rtl")
    _run(paragraph, "بتعزيز ", "b", 'lang w:bidi="ar-SA"', "noProof")
    _run(paragraph, "العلاقات", "bCs", 'rFonts w:cs="Arial" w:hint="cs"', "cs")
    parsed, out = _render_fake(_save(doc))
    assert parsed.units == ["تعهد الوزيران بتعزيز العلاقات"]
    assert _runs(out.paragraphs[0]) == [("EN(تعهد الوزيران بتعزيز العلاقات)", True, None)]


def test_complex_script_bold_is_bold() -> None:
    doc = docx.Document()
    paragraph = doc.add_paragraph()
    _run(paragraph, "مهم ", "bCs", "rtl")  # how Word bolds Arabic-only text
    _run(paragraph, "جدا", "rtl")
    parsed, out = _render_fake(_save(doc))
    assert parsed.units == ["مهم", "جدا"]
    assert _runs(out.paragraphs[0]) == [("EN(مهم) ", True, None), ("EN(جدا)", None, None)]


def test_formatting_that_changes_inside_a_word_does_not_cut_it() -> None:
    doc = docx.Document()
    paragraph = doc.add_paragraph()
    paragraph.add_run("ال").bold = True
    paragraph.add_run("كتاب الجديد")
    parsed, out = _render_fake(_save(doc))
    assert parsed.units == ["الكتاب الجديد"]
    assert _runs(out.paragraphs[0]) == [("EN(الكتاب الجديد)", True, None)]


def test_a_segment_without_arabic_stays_as_it_is() -> None:
    doc = docx.Document()
    paragraph = doc.add_paragraph()
    paragraph.add_run("2024").bold = True
    paragraph.add_run(" ")
    paragraph.add_run("تقرير سنوي")
    doc.add_paragraph("2025")  # one format: a unit, as before
    parsed, out = _render_fake(_save(doc))
    assert parsed.units == ["تقرير سنوي", "2025"]
    assert _runs(out.paragraphs[0]) == [
        ("2024", True, None),
        (" ", None, None),
        ("EN(تقرير سنوي)", None, None),
    ]


def test_identity_render_leaves_formatted_runs_alone() -> None:
    doc = docx.Document()
    paragraph = doc.add_paragraph()
    paragraph.add_run("عاجل: ").bold = True
    paragraph.add_run("وصل ")
    paragraph.add_run("الوفد.")
    data = _save(doc)
    parsed = parse_document(data, "f.docx")
    out = open_bytes(parsed.render(parsed.units))
    assert _runs(out.paragraphs[0]) == [
        ("عاجل: ", True, None),
        ("وصل ", None, None),
        ("الوفد.", None, None),
    ]


def _bidi(ppr: Any) -> None:
    # w:bidi goes before w:jc in the schema: add it before any alignment is set.
    ppr.append(OxmlElement("w:bidi"))


def _jc(ppr: Any, value: str) -> None:
    ppr.get_or_add_jc().set(qn("w:val"), value)


def _alignments(data: bytes) -> tuple[list[str | None], dict[str, str | None]]:
    document = open_bytes(data)
    paragraphs = []
    for p in document.element.body.iter(qn("w:p")):
        jc = p.find(f"{qn('w:pPr')}/{qn('w:jc')}")
        paragraphs.append(jc.get(qn("w:val")) if jc is not None else None)
    styles = {}
    for style in document.styles.element.iter(qn("w:style")):
        jc = style.find(f"{qn('w:pPr')}/{qn('w:jc')}")
        styles[style.get(qn("w:styleId"))] = jc.get(qn("w:val")) if jc is not None else None
    return paragraphs, styles


def build_aligned() -> bytes:
    doc = docx.Document()
    rtl_right = doc.styles.add_style("RtlRight", WD_STYLE_TYPE.PARAGRAPH)
    _bidi(rtl_right.element.get_or_add_pPr())
    _jc(rtl_right.element.get_or_add_pPr(), "right")
    ltr_right = doc.styles.add_style("LtrRight", WD_STYLE_TYPE.PARAGRAPH)
    _jc(ltr_right.element.get_or_add_pPr(), "right")

    def paragraph(text: str, style: str | None = None, bidi: bool = False, jc: str = "") -> Any:
        p = doc.add_paragraph(text, style=style)
        ppr = p._p.get_or_add_pPr()
        if bidi:
            _bidi(ppr)
        if jc:
            _jc(ppr, jc)
        return p

    paragraph("فقرة إلى اليمين", bidi=True, jc="right")
    paragraph("فقرة إلى النهاية", bidi=True, jc="end")
    paragraph("فقرة في الوسط", bidi=True, jc="center")
    paragraph("فقرة مضبوطة", bidi=True, jc="both")
    paragraph("English, right-aligned on purpose", jc="right")
    runs_only = paragraph("", jc="right")
    _run(runs_only, "نص من اليمين إلى اليسار", "rtl")
    paragraph("نمط من اليمين", style="RtlRight")
    paragraph("محاذاة موروثة", style="LtrRight", bidi=True)
    paragraph("بلا محاذاة", bidi=True)
    return _save(doc)


def test_right_alignment_of_rtl_paragraphs_becomes_left() -> None:
    data = build_aligned()
    before, _ = _alignments(data)
    assert before == ["right", "end", "center", "both", "right", "right", None, None, None]
    parsed = parse_document(data, "a.docx")
    paragraphs, styles = _alignments(parsed.render([fake(u) for u in parsed.units]))
    assert paragraphs == [
        "left",  # bidi + right
        "start",  # bidi + end
        "center",
        "both",
        "right",  # an LTR paragraph keeps its alignment
        "left",  # RTL runs make it an RTL paragraph
        None,  # its style is turned left instead
        "left",  # RTL paragraph, right alignment inherited from an LTR style
        None,
    ]
    assert styles["RtlRight"] == "left"
    assert styles["LtrRight"] == "right"
    identity = parse_document(data, "a.docx")
    assert _alignments(identity.render(identity.units))[0] == paragraphs


def test_alignment_from_rtl_document_defaults() -> None:
    doc = docx.Document()
    normal = doc.styles["Normal"].element.get_or_add_pPr()
    _bidi(normal)
    doc.add_paragraph("فقرة عادية", style="Normal")
    _jc(doc.paragraphs[0]._p.get_or_add_pPr(), "right")
    parsed = parse_document(_save(doc), "d.docx")
    assert _alignments(parsed.render(parsed.units))[0] == ["left"]


def test_formatting_fixture_renders_the_same_bytes_twice() -> None:
    data = build_aligned()
    units = parse_document(data, "x.docx").units
    first = parse_document(data, "x.docx").render([fake(u) for u in units])
    assert parse_document(data, "x.docx").render([fake(u) for u in units]) == first
