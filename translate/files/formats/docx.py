"""Word documents (``.docx``): paragraphs everywhere translated, layout kept, set to LTR.

Needs python-docx, an optional extra (``pip install 'arabic-translate-cli[docx]'``),
imported only when a ``.docx`` file is read.

Stories: the body (with tables, nested tables, content controls and text boxes, in
document order), every header and footer, footnotes and endnotes. A text box Word also
stores as a legacy fallback copy appears twice, and both copies are translated. ``locations`` name
the paragraph ("paragraph 12", "word/header1.xml paragraph 1"), counting every
paragraph of the story in order, table cells included.

Units: within a paragraph, consecutive text runs with the same parent form a group;
a group is cut at anything that is not plain text (an image, a field such as a page
number or a TOC entry, a footnote reference, a page break) and at the edge of a
hyperlink, so those stay where they are. A group's text is split at line breaks and
tabs; each piece with letters or digits is a unit. The translated group is written
into the group's first run, keeping that run's character formatting (later runs of the
group are removed, so formatting that covered only some words is not carried over);
paragraph properties and styles are untouched. Field results (page numbers, generated
TOC text) are not translated: Word regenerates them when fields are updated.

Direction and language (also in an identity render): paragraph ``w:bidi``, run
``w:rtl``, table ``w:bidiVisual`` and section ``w:bidi``/``w:rtlGutter`` are removed
in every part (document, styles, numbering, headers, footers, notes), so the document
reads left to right; translated runs get ``w:lang="en-US"`` (and the complex-script
size/bold/italic they relied on as their Latin counterparts), as does the default
run language in the styles part. A group whose translation equals its source text is
left exactly as it was.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from translate.errors import InputError
from translate.files.formats.base import Document, has_words, split_padding

OPTIONS: frozenset[str] = frozenset()

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
_SEPARATOR = re.compile(r"([\t\n])")


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


_TEXT_CHILDREN = frozenset(
    _w(n) for n in "t tab br cr noBreakHyphen softHyphen lastRenderedPageBreak".split()
)
_DIRECTION = tuple(_w(n) for n in ("bidi", "rtl", "bidiVisual", "rtlGutter"))
_NOT_OWN = frozenset({_w("p"), _w("del"), _w("moveFrom")})


def _open(data: bytes, path: Path) -> Any:
    try:
        import docx
    except ImportError:
        raise InputError(
            f"{path}: reading .docx files needs python-docx: "
            "pip install 'arabic-translate-cli[docx]'"
        ) from None
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # a corrupt file can fail in zipfile, lxml or python-docx
        reason = str(exc) or type(exc).__name__
        if not data.startswith(b"PK"):
            reason = "not a zip archive; an old .doc file must be saved as .docx first"
        raise InputError(f"{path}: not a valid .docx file ({reason})") from None


def _stories(document: Any) -> Iterator[tuple[str, Any]]:
    """(location prefix, root element) of every story, in a fixed order."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    body = document.element.body
    yield "", body
    related = document.part.related_parts
    seen: set[str] = set()
    refs = body.iter(_w("headerReference"), _w("footerReference"))
    notes = [
        rid for rid, rel in document.part.rels.items() if rel.reltype in (RT.FOOTNOTES, RT.ENDNOTES)
    ]
    for rid in [ref.get(f"{{{_R}}}id") for ref in refs] + notes:
        part = related.get(rid)
        if part is not None and str(part.partname) not in seen:
            seen.add(str(part.partname))
            yield str(part.partname).lstrip("/") + " ", part.element


def _own_runs(paragraph: Any) -> Iterator[tuple[Any, bool]]:
    """The paragraph's own runs (not those of text boxes inside it, not deleted text),
    each with whether it sits in a simple field."""
    for run in paragraph.iter(_w("r")):
        in_field, node = False, run.getparent()
        while node is not paragraph and node.tag not in _NOT_OWN:
            in_field = in_field or node.tag == _w("fldSimple")
            node = node.getparent()
        if node is paragraph:
            yield run, in_field


def _is_text(run: Any) -> bool:
    for child in run:
        if child.tag == _w("rPr"):
            continue
        if child.tag not in _TEXT_CHILDREN:
            return False
        if child.tag == _w("br") and child.get(_w("type")) not in (None, "textWrapping"):
            return False
    return True


def _groups(document: Any) -> Iterator[tuple[str, list[Any]]]:
    """(location, runs) of every group of plain-text runs, in document order."""
    for prefix, root in _stories(document):
        for number, paragraph in enumerate(root.iter(_w("p")), start=1):
            group: list[Any] = []
            depth = 0  # inside a complex field (begin … end) nothing is ours
            for run, in_simple_field in _own_runs(paragraph):
                chars = [c.get(_w("fldCharType")) for c in run.iter(_w("fldChar"))]
                barrier = depth > 0 or bool(chars) or in_simple_field or not _is_text(run)
                depth += chars.count("begin") - chars.count("end")
                if group and (barrier or run.getparent() is not group[0].getparent()):
                    yield f"{prefix}paragraph {number}", group
                    group = []
                if not barrier:
                    group.append(run)
            if group:
                yield f"{prefix}paragraph {number}", group


def _group_text(runs: list[Any]) -> str:
    out: list[str] = []
    for run in runs:
        for child in run:
            if child.tag == _w("t"):
                out.append(child.text or "")
            elif child.tag == _w("tab"):
                out.append("\t")
            elif child.tag in (_w("br"), _w("cr")):
                out.append("\n")
            elif child.tag == _w("noBreakHyphen"):
                out.append("-")
    return "".join(out)


def _rank(tag: object) -> int:
    """Position of an ``w:rPr`` child in the schema's sequence (unknown ones last)."""
    name = tag[len(_W) + 2 :] if isinstance(tag, str) and tag.startswith(f"{{{_W}}}") else ""
    return _RPR_ORDER.index(name) if name in _RPR_ORDER else len(_RPR_ORDER)


def _set_child(parent: Any, name: str, **attrs: str) -> Any:
    """``parent``'s child ``w:name`` (created in schema order if missing), attrs set."""
    from docx.oxml import OxmlElement

    child = parent.find(_w(name))
    if child is None:
        child = OxmlElement(f"w:{name}")
        rank = _RPR_ORDER.index(name)
        later = [c for c in parent if _rank(c.tag) > rank]
        if later:
            later[0].addprevious(child)
        else:
            parent.append(child)
    for key, value in attrs.items():
        child.set(_w(key), value)
    return child


def _english(run: Any) -> None:
    """Run properties for English text: no RTL/complex-script forcing, language en-US."""
    from docx.oxml import OxmlElement

    rpr = run.find(_w("rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    for name in ("rtl", "cs"):
        for element in rpr.findall(_w(name)):
            rpr.remove(element)
    for complex_name, latin in (("szCs", "sz"), ("bCs", "b"), ("iCs", "i")):
        source = rpr.find(_w(complex_name))
        if source is not None and rpr.find(_w(latin)) is None:
            _set_child(rpr, latin, **{k[len(_W) + 2 :]: v for k, v in source.attrib.items()})
    _set_child(rpr, "lang", val="en-US")


def _write(runs: list[Any], text: str) -> None:
    from docx.oxml import OxmlElement

    for run in runs:
        for child in list(run):
            if child.tag in _TEXT_CHILDREN:
                run.remove(child)
    for run in runs[1:]:
        run.getparent().remove(run)
    first = runs[0]
    for piece in _SEPARATOR.split(text):
        if piece in ("\t", "\n"):
            first.append(OxmlElement("w:tab" if piece == "\t" else "w:br"))
        elif piece:
            element = OxmlElement("w:t")
            element.text = piece
            if piece != piece.strip():
                element.set(_XML_SPACE, "preserve")
            first.append(element)
    _english(first)


def _left_to_right(document: Any) -> None:
    for part in document.part.package.iter_parts():
        root = getattr(part, "element", None)
        if root is None or not hasattr(root, "iter"):
            continue
        for element in list(root.iter(*_DIRECTION)):
            element.getparent().remove(element)
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    # Through the relationship, not document.styles, which would add a styles part.
    for rel in document.part.rels.values():
        if rel.reltype == RT.STYLES and not rel.is_external:
            path = f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}"
            defaults = rel.target_part.element.find(path)
            if defaults is not None:
                _set_child(defaults, "lang", val="en-US")


class DocxDocument(Document):
    """A Word document; see the module docstring for what is translated."""

    format_name = "docx"

    def __init__(self, path: Path, data: bytes) -> None:
        super().__init__(path)
        self._data = data
        for location, runs in _groups(_open(data, path)):
            for piece in _SEPARATOR.split(_group_text(runs)):
                core = split_padding(piece)[1]
                if has_words(core):
                    self.add_unit(core, location)

    def _render(self, translations: list[str]) -> bytes:
        document = _open(self._data, self.path)
        index = 0
        for _location, runs in list(_groups(document)):
            pieces = _SEPARATOR.split(_group_text(runs))
            changed = False
            for position, piece in enumerate(pieces):
                lead, core, trail = split_padding(piece)
                if has_words(core):
                    changed = changed or translations[index] != core
                    pieces[position] = lead + translations[index] + trail
                    index += 1
            if changed:
                _write(runs, "".join(pieces))
        _left_to_right(document)
        out = io.BytesIO()
        document.save(out)
        return _with_fixed_timestamps(out.getvalue())


def _with_fixed_timestamps(data: bytes) -> bytes:
    """python-docx stamps zip entries with the current time; fixed stamps make the same
    translation give the same bytes, run after run and engine after engine."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def parse(data: bytes, path: Path, options: Mapping[str, object]) -> DocxDocument:
    return DocxDocument(path, data)
