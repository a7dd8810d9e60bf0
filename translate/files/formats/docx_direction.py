"""Right-to-left Word documents made left-to-right for English.

Paragraph ``w:bidi``, run ``w:rtl``, table ``w:bidiVisual`` and section
``w:bidi``/``w:rtlGutter`` are removed in every part; before that, while the direction
still tells which they are, right-to-left paragraphs and paragraph styles aligned
``right``/``end`` become ``left``/``start`` (the alignment Arabic text has at its start
edge is the English text's left edge). A paragraph is right-to-left through its own
``w:bidi``, its style chain, the document defaults, or ``w:rtl`` runs of its own.
"""

from __future__ import annotations

from typing import Any

from translate.files.formats.docx_xml import OFF, own_runs, set_child, w

_DIRECTION = tuple(w(n) for n in ("bidi", "rtl", "bidiVisual", "rtlGutter"))
_JC_TO_LEFT = {"right": "left", "end": "start"}


class _Styles:
    """Where a paragraph's properties come from: its style's chain of ``basedOn``
    styles (the default paragraph style when it names none), then the document
    defaults."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.by_id: dict[str, Any] = {}
        self.default: Any = None
        self.defaults: Any = None
        if root is None:
            return
        for style in root.iter(w("style")):
            if style.get(w("type")) == "paragraph":
                self.by_id[style.get(w("styleId"), "")] = style
                if style.get(w("default"), "0").lower() not in OFF:
                    self.default = style
        self.defaults = root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")

    def chain(self, style: Any) -> list[Any]:
        """The pPr elements ``style`` inherits, nearest first, the defaults last."""
        chain: list[Any] = []
        seen: set[int] = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            ppr = style.find(w("pPr"))
            if ppr is not None:
                chain.append(ppr)
            based = style.find(w("basedOn"))
            style = self.by_id.get(based.get(w("val"), "")) if based is not None else None
        if self.defaults is not None:
            chain.append(self.defaults)
        return chain

    def paragraph_chain(self, paragraph: Any) -> list[Any]:
        ppr = paragraph.find(w("pPr"))
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        style = self.by_id.get(pstyle.get(w("val"), "")) if pstyle is not None else None
        inherited = self.chain(style if style is not None else self.default)
        return ([ppr] if ppr is not None else []) + inherited


def _first(chain: list[Any], name: str) -> Any:
    for ppr in chain:
        found = ppr.find(w(name))
        if found is not None:
            return found
    return None


def _on(element: Any) -> bool:
    """Whether a toggle (``<w:bidi/>``, ``<w:rtl w:val="0"/>``) is present and on."""
    return element is not None and element.get(w("val"), "1").lower() not in OFF


def _flip_alignment(ppr: Any, chain: list[Any]) -> None:
    """Set ``ppr`` (whose properties resolve through ``chain``) to left/start where it
    resolves to right/end; an inherited alignment is overridden on ``ppr`` itself."""
    jc = _first(chain, "jc")
    value = jc.get(w("val")) if jc is not None else None
    if value in _JC_TO_LEFT:
        ppr.get_or_add_jc().set(w("val"), _JC_TO_LEFT[value])


def _styles_root(document: Any) -> Any:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    # Through the relationship, not document.styles, which would add a styles part.
    for rel in document.part.rels.values():
        if rel.reltype == RT.STYLES and not rel.is_external:
            return rel.target_part.element
    return None


def align_left(document: Any) -> None:
    """Right-aligned RTL paragraphs and paragraph styles to left, while their direction
    is still there to tell which they are."""
    styles = _Styles(_styles_root(document))
    for style in styles.by_id.values():
        chain = styles.chain(style)
        ppr = style.find(w("pPr"))
        if ppr is not None and _on(_first(chain, "bidi")):
            _flip_alignment(ppr, chain)
    for part in document.part.package.iter_parts():
        root = getattr(part, "element", None)
        if root is None or not hasattr(root, "iter") or root is styles.root:
            continue
        for paragraph in root.iter(w("p")):
            chain = styles.paragraph_chain(paragraph)
            rtl = _on(_first(chain, "bidi")) or _has_rtl_runs(paragraph)
            if rtl and _first(chain, "jc") is not None:
                _flip_alignment(paragraph.get_or_add_pPr(), chain)


def _has_rtl_runs(paragraph: Any) -> bool:
    # Its own runs only: the runs of a text box inside it belong to other paragraphs.
    rtl = f"{w('rPr')}/{w('rtl')}"
    return any(_on(run.find(rtl)) for run, _in_field in own_runs(paragraph))


def left_to_right(document: Any) -> None:
    for part in document.part.package.iter_parts():
        root = getattr(part, "element", None)
        if root is None or not hasattr(root, "iter"):
            continue
        for element in list(root.iter(*_DIRECTION)):
            element.getparent().remove(element)
    root = _styles_root(document)
    if root is not None:
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        if defaults is not None:
            set_child(defaults, "lang", val="en-US")
