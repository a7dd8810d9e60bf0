"""``translate segment``: show how the pipeline cuts each line into sentences."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from translate.cli.common import user_errors
from translate.engine.pipeline import segment_line
from translate.text.normalize import normalize_text
from translate.text.segment import count_words


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
    from translate.cli.stream import iter_available_chunks

    with user_errors():
        count = count_words
        if model:
            from translate.engine.tokenizer import Tokenizer
            from translate.translator import resolve_model

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
