"""``translate segment``: show how the pipeline cuts each line into sentences."""

from __future__ import annotations

import sys

from translate.cli.common import user_errors
from translate.cli.settings import SEGMENTATION, TranslationSettings, translation_options
from translate.cli.stream import ChunkReader
from translate.engine.pipeline import segment_line
from translate.text.normalize import normalize_text
from translate.text.segment import count_words


@translation_options(SEGMENTATION)
def segment(*, settings: TranslationSettings) -> None:
    """Print the sentences of each input line, one per line, and a blank line after each
    input line: exactly the cut the translation pipeline makes (with the same --model,
    --max-sentence-tokens and --keep-diacritics)."""
    options = settings.options
    with user_errors():
        count = count_words
        if settings.models:
            from translate.engine.tokenizer import Tokenizer
            from translate.translator import resolve_model

            directory = resolve_model(settings.model, settings.models_dir, offline=True)
            count = Tokenizer.for_model(directory).count_source
        out = sys.stdout
        with ChunkReader(sys.stdin.buffer, errors=options.errors) as chunks:
            for chunk in chunks:
                for line in chunk:
                    if line.strip():
                        normalized = normalize_text(line, keep_diacritics=options.keep_diacritics)
                        for sentence in segment_line(
                            normalized, options.max_sentence_tokens, count
                        ):
                            out.write(sentence + "\n")
                    out.write("\n")
                out.flush()
