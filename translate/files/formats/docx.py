"""Word documents (``.docx``): paragraphs everywhere translated, layout kept, set to LTR.

Needs python-docx, a dependency of the package (installed with it), imported only when a
``.docx`` file is read.

Stories: the body (with tables, nested tables, content controls and text boxes, in
document order), every header and footer, footnotes and endnotes. A text box Word also
stores as a legacy fallback copy appears twice, and both copies are translated. ``locations`` name
the paragraph ("paragraph 12", "word/header1.xml paragraph 1"), counting every
paragraph of the story in order, table cells included.

Units: within a paragraph, consecutive text runs with the same parent form a group;
a group is cut at anything that is not plain text (an image, a field such as a page
number or a TOC entry, a footnote reference, a page break) and at the edge of a
hyperlink, so those stay where they are. A group whose runs are formatted differently
(a bold word, then plain text) is cut further into segments of same-format runs, each
translated on its own, so every translation can be written into a run with the
formatting of its source; a model has no way to say which English words correspond to
a bold Arabic word, so formatting is kept per segment, not per word. Differences that
do not show in English text do not cut (language, RTL and complex-script flags, the
complex-script font; complex-script bold/italic/size count as their Latin twins), nor
does a change of formatting inside a word (the segment keeps its first run's
formatting), nor a run of only spaces. Where a group is cut, a segment without Arabic
letters (a bold "2024", an italic "BBC") is left as it is: it has nothing to translate,
and on its own gives the model nothing to go on. A segment's text is split at line
breaks and tabs; each piece with letters or digits is a unit. The translation is
written into the segment's first run, keeping that run's character formatting (later
runs of the segment are removed). Field results (page numbers, generated TOC text) are
not translated: Word regenerates them when fields are updated.

Direction, alignment and language (also in an identity render): paragraph ``w:bidi``,
run ``w:rtl``, table ``w:bidiVisual`` and section ``w:bidi``/``w:rtlGutter`` are
removed in every part (document, styles, numbering, headers, footers, notes), so the
document reads left to right. A right-to-left paragraph (``w:bidi`` of its own, from
its style or the document defaults, or ``w:rtl`` runs) or paragraph style aligned
``right``/``end`` becomes ``left``/``start``: the alignment Arabic text has at its
start edge is the English text's left edge. Centred and justified paragraphs keep their
alignment. Translated runs get ``w:lang="en-US"`` (and the complex-script
size/bold/italic they relied on as their Latin counterparts), as does the default run
language in the styles part. A segment whose translation equals its source text is
left exactly as it was.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from translate.errors import InputError
from translate.files.formats.base import Document, has_words, split_padding
from translate.files.formats.docx_direction import align_left, left_to_right
from translate.files.formats.docx_xml import W, own_runs, set_child, w

OPTIONS: frozenset[str] = frozenset()

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SEPARATOR = re.compile(r"([\t\n])")

_TEXT_CHILDREN = frozenset(
    w(n) for n in "t tab br cr noBreakHyphen softHyphen lastRenderedPageBreak".split()
)
# Run properties that make no visible difference to English text: a run that differs
# from its neighbour only in these is the same segment.
_INVISIBLE_IN_ENGLISH = frozenset(
    w(n) for n in "lang rtl cs noProof rPrChange webHidden specVanish".split()
)
_LATIN_FONT_SLOTS = frozenset(w(n) for n in ("ascii", "hAnsi", "asciiTheme", "hAnsiTheme"))
_COMPLEX_TWINS = (("szCs", "sz"), ("bCs", "b"), ("iCs", "i"))


def _open(data: bytes, path: Path) -> Any:
    try:
        import docx
    except ImportError:
        raise InputError(
            f"{path}: reading .docx files needs python-docx, which is missing from this "
            "installation (it is a dependency of arabic-translate-cli): pip install python-docx"
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
    refs = body.iter(w("headerReference"), w("footerReference"))
    notes = [
        rid for rid, rel in document.part.rels.items() if rel.reltype in (RT.FOOTNOTES, RT.ENDNOTES)
    ]
    for rid in [ref.get(f"{{{_R}}}id") for ref in refs] + notes:
        part = related.get(rid)
        if part is not None and str(part.partname) not in seen:
            seen.add(str(part.partname))
            yield str(part.partname).lstrip("/") + " ", part.element


def _is_text(run: Any) -> bool:
    for child in run:
        if child.tag == w("rPr"):
            continue
        if child.tag not in _TEXT_CHILDREN:
            return False
        if child.tag == w("br") and child.get(w("type")) not in (None, "textWrapping"):
            return False
    return True


def _groups(document: Any) -> Iterator[tuple[str, list[Any]]]:
    """(location, runs) of every group of plain-text runs, in document order."""
    for prefix, root in _stories(document):
        for number, paragraph in enumerate(root.iter(w("p")), start=1):
            group: list[Any] = []
            depth = 0  # inside a complex field (begin … end) nothing is ours
            for run, in_simple_field in own_runs(paragraph):
                chars = [c.get(w("fldCharType")) for c in run.iter(w("fldChar"))]
                barrier = depth > 0 or bool(chars) or in_simple_field or not _is_text(run)
                depth += chars.count("begin") - chars.count("end")
                if group and (barrier or run.getparent() is not group[0].getparent()):
                    yield f"{prefix}paragraph {number}", group
                    group = []
                if not barrier:
                    group.append(run)
            if group:
                yield f"{prefix}paragraph {number}", group


def _format_key(run: Any) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The run's character formatting as English text will show it."""
    rpr = run.find(w("rPr"))
    if rpr is None:
        return ()
    props: dict[str, tuple[tuple[str, str], ...]] = {}
    for child in rpr:
        if not isinstance(child.tag, str) or child.tag in _INVISIBLE_IN_ENGLISH:
            continue
        attrs = sorted(child.attrib.items())
        if child.tag == w("rFonts"):
            attrs = [(k, v) for k, v in attrs if k in _LATIN_FONT_SLOTS]
            if not attrs:
                continue  # only the complex-script font or a hint
        props[child.tag] = tuple(attrs)
    for complex_name, latin in _COMPLEX_TWINS:
        twin = props.pop(w(complex_name), None)
        if twin is not None:
            props.setdefault(w(latin), twin)
    return tuple(sorted(props.items()))


def _segments(runs: list[Any]) -> list[list[Any]]:
    """``runs`` (one group) cut where the formatting changes at a word edge."""
    segments: list[list[Any]] = []
    key: object = None
    last_char = ""
    for run in runs:
        text = _group_text([run])
        if segments and not text.strip():
            segments[-1].append(run)  # spaces look the same in any format
            last_char = text[-1:] or last_char
            continue
        run_key = _format_key(run)
        at_word_edge = not (last_char.isalnum() and text[:1].isalnum())
        if not segments or (run_key != key and at_word_edge and key is not None):
            segments.append([run])
            key = run_key if text.strip() else None
        else:
            segments[-1].append(run)
            if key is None and text.strip():
                key = run_key
        last_char = text[-1:] or last_char
    return segments


def _has_arabic(text: str) -> bool:
    return any(
        ch.isalpha() and ("\u0600" <= ch <= "\u08ff" or "\ufb50" <= ch <= "\ufeff") for ch in text
    )


def _units(document: Any) -> Iterator[tuple[str, list[Any], Callable[[str], bool]]]:
    """(location, runs, which pieces are units) of every segment, in document order."""
    for location, runs in _groups(document):
        segments = _segments(runs)
        wanted = has_words if len(segments) == 1 else _has_arabic
        for segment in segments:
            yield location, segment, wanted


def _group_text(runs: list[Any]) -> str:
    out: list[str] = []
    for run in runs:
        for child in run:
            if child.tag == w("t"):
                out.append(child.text or "")
            elif child.tag == w("tab"):
                out.append("\t")
            elif child.tag in (w("br"), w("cr")):
                out.append("\n")
            elif child.tag == w("noBreakHyphen"):
                out.append("-")
    return "".join(out)


def _english(run: Any) -> None:
    """Run properties for English text: no RTL/complex-script forcing, language en-US."""
    from docx.oxml import OxmlElement

    rpr = run.find(w("rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    for name in ("rtl", "cs"):
        for element in rpr.findall(w(name)):
            rpr.remove(element)
    for complex_name, latin in (("szCs", "sz"), ("bCs", "b"), ("iCs", "i")):
        source = rpr.find(w(complex_name))
        if source is not None and rpr.find(w(latin)) is None:
            set_child(rpr, latin, **{k[len(W) + 2 :]: v for k, v in source.attrib.items()})
    set_child(rpr, "lang", val="en-US")


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


class DocxDocument(Document):
    """A Word document; see the module docstring for what is translated."""

    format_name = "docx"

    def __init__(self, path: Path, data: bytes) -> None:
        super().__init__(path)
        self._data = data
        for location, runs, wanted in _units(_open(data, path)):
            for piece in _SEPARATOR.split(_group_text(runs)):
                core = split_padding(piece)[1]
                if wanted(core):
                    self.add_unit(core, location)

    def _render(self, translations: list[str]) -> bytes:
        document = _open(self._data, self.path)
        align_left(document)  # first: translated runs lose the w:rtl that marks RTL text
        index = 0
        for _location, runs, wanted in list(_units(document)):
            pieces = _SEPARATOR.split(_group_text(runs))
            changed = False
            for position, piece in enumerate(pieces):
                lead, core, trail = split_padding(piece)
                if wanted(core):
                    changed = changed or translations[index] != core
                    pieces[position] = lead + translations[index] + trail
                    index += 1
            if changed:
                _write(runs, "".join(pieces))
        left_to_right(document)
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
