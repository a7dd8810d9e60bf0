"""Word documents: paragraphs, tables, headers/footers translated; layout kept; set to LTR."""

from __future__ import annotations

import io
import sys
import zipfile
from typing import Any

import pytest

from translate.errors import InputError
from translate.files.formats import parse_document

docx = pytest.importorskip("docx")
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
        f"تقرير {RLM}الربع الأول 2024",
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
    assert heading.text == f"EN(تقرير {RLM}الربع الأول 2024)"
    assert heading.runs[0].bold is True
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
    with pytest.raises(InputError, match=r"pip install 'arabic-translate-cli\[docx\]'"):
        parse_document(DATA, "r.docx")


def test_render_is_byte_identical_run_after_run() -> None:
    import time

    data = build()
    units = parse_document(data, "same.docx").units
    first = parse_document(data, "same.docx").render([fake(u) for u in units])
    time.sleep(2.1)  # zip timestamps have a two-second resolution
    second = parse_document(data, "same.docx").render([fake(u) for u in units])
    assert first == second
