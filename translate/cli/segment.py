"""``translate segment``: show how the pipeline cuts each line into sentences."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..normalize import normalize_text
from ..pipeline import segment_line
from ..segment import count_words
from .common import user_errors


def segment(
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            help="Count tokens with this model's SentencePiece model when cutting long "
            "sentences (default: count words).",
        ),
    ] = None,
    max_tokens: Annotated[int, typer.Option(help="Cut sentences longer than this.")] = 200,
    keep_diacritics: Annotated[bool, typer.Option()] = False,
    errors: Annotated[str, typer.Option(help="strict or replace")] = "strict",
) -> None:
    """Print the sentences of each input line, one per line, and a blank line after each
    input line: exactly the cut the translation pipeline makes."""
    from ..stream import iter_available_chunks

    with user_errors():
        count = count_words
        if model:
            from ..tokenizer import Tokenizer
            from ..translator import resolve_model

            count = Tokenizer.for_model(resolve_model(model, offline=True)).count_source
        out = sys.stdout
        for chunk in iter_available_chunks(sys.stdin.buffer, errors=errors):
            for line in chunk:
                if line.strip():
                    normalized = normalize_text(line, keep_diacritics=keep_diacritics)
                    for sentence in segment_line(normalized, max_tokens, count):
                        out.write(sentence + "\n")
                out.write("\n")
            out.flush()
