"""The WordprocessingML primitives the ``.docx`` format works with: qualified names,
a paragraph's own runs, and run properties added in the order the schema requires
(Word refuses a document whose ``w:rPr`` children are out of order)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
OFF = ("0", "false", "off")


def w(name: str) -> str:
    """The qualified name of a ``w:`` element or attribute."""
    return f"{{{W}}}{name}"


_NOT_OWN = frozenset({w("p"), w("del"), w("moveFrom")})


def own_runs(paragraph: Any) -> Iterator[tuple[Any, bool]]:
    """The paragraph's own runs (not those of text boxes inside it, not deleted text),
    each with whether it sits in a simple field."""
    for run in paragraph.iter(w("r")):
        in_field, node = False, run.getparent()
        while node is not paragraph and node.tag not in _NOT_OWN:
            in_field = in_field or node.tag == w("fldSimple")
            node = node.getparent()
        if node is paragraph:
            yield run, in_field


def _rank(tag: object) -> int:
    """Position of an ``w:rPr`` child in the schema's sequence (unknown ones last)."""
    name = tag[len(W) + 2 :] if isinstance(tag, str) and tag.startswith(f"{{{W}}}") else ""
    return _RPR_ORDER.index(name) if name in _RPR_ORDER else len(_RPR_ORDER)


def set_child(parent: Any, name: str, **attrs: str) -> Any:
    """``parent``'s child ``w:name`` (created in schema order if missing), attrs set."""
    from docx.oxml import OxmlElement

    child = parent.find(w(name))
    if child is None:
        child = OxmlElement(f"w:{name}")
        rank = _RPR_ORDER.index(name)
        later = [c for c in parent if _rank(c.tag) > rank]
        if later:
            later[0].addprevious(child)
        else:
            parent.append(child)
    for key, value in attrs.items():
        child.set(w(key), value)
    return child
