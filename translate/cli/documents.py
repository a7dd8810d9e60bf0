"""The pipe's document mode (``--consistent-names``): names rendered one way within a
document, where a document is one input file, or a block of lines ended by the
``--document-separator`` line.

A document is translated when it is complete, so in this mode output comes a document
at a time rather than a line at a time (``tail -f`` users keep the default). The
separator line itself is written through unchanged, so the output keeps one line per
input line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translate.engine.pipeline import LineResult
    from translate.translator import Translator


def document_results(
    translator: Translator,
    files: Iterable[Iterable[list[str]]],
    separator: str | None,
) -> Iterator[LineResult]:
    """One result per input line, in order; ``files`` gives each input's chunks."""
    from translate.engine.pipeline import LineResult

    for chunks in files:
        block: list[str] = []
        for chunk in chunks:
            for line in chunk:
                if separator is not None and line == separator:
                    yield from translator.translate_document(block)
                    block = []
                    yield LineResult(line, line, 0, 0, translator.signature())
                else:
                    block.append(line)
        if block:
            yield from translator.translate_document(block)
