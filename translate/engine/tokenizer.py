"""SentencePiece tokenisation with the model's own conventions.

OPUS-MT releases ship ``source.spm`` and ``target.spm``; other models one shared
model. The model's token conventions (NLLB's language tokens, for example) come from
its manifest, never from guesses here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translate.models.directory import ModelDirectory


class Tokenizer:
    def __init__(
        self,
        source_model: Path,
        target_model: Path,
        *,
        source_prefix: Sequence[str] = (),
        source_suffix: Sequence[str] = (),
        target_prefix: Sequence[str] = (),
    ) -> None:
        import sentencepiece as spm

        self._source = spm.SentencePieceProcessor(model_file=str(source_model))
        self._target = (
            self._source
            if target_model == source_model
            else spm.SentencePieceProcessor(model_file=str(target_model))
        )
        self.source_prefix = list(source_prefix)
        self.source_suffix = list(source_suffix)
        self.target_prefix = list(target_prefix)

    @classmethod
    def for_model(cls, model: ModelDirectory) -> Tokenizer:
        return cls(
            model.source_spm,
            model.target_spm,
            source_prefix=model.source_prefix,
            source_suffix=model.source_suffix,
            target_prefix=model.target_prefix,
        )

    def encode_source(self, text: str) -> list[str]:
        pieces: list[str] = self._source.encode(text, out_type=str)
        return self.source_prefix + pieces + self.source_suffix

    def count_source(self, text: str) -> int:
        return len(self._source.encode(text)) + len(self.source_prefix) + len(self.source_suffix)

    def encode_target(self, text: str) -> list[str]:
        """Pieces of an English prefix to force, without the model's language token."""
        pieces: list[str] = self._target.encode(text, out_type=str)
        return pieces

    def decode_target(self, pieces: Sequence[str]) -> str:
        skip = len(self.target_prefix)
        body = [p for p in pieces[skip:] if not (p.startswith("<") and p.endswith(">"))]
        text: str = self._target.decode(body)
        # A piece the target model does not know comes back raw, word marker included.
        return " ".join(text.replace("\u2581", " ").split()) if "\u2581" in text else text

    def source_spans(self, segments: Sequence[str]) -> list[tuple[int, int]]:
        """Token index range of each whitespace-separated segment of a source text.

        SentencePiece never lets a piece cross whitespace, so encoding the segments one
        by one gives the same pieces as encoding their space-joined text.
        """
        spans = []
        cursor = len(self.source_prefix)
        for segment in segments:
            count = len(self._source.encode(segment)) if segment.strip() else 0
            spans.append((cursor, cursor + count))
            cursor += count
        return spans

    def group_words(self, pieces: Sequence[str]) -> list[list[int]]:
        """Indices of target pieces grouped into words (a word starts with ``▁``)."""
        words: list[list[int]] = []
        for index, piece in enumerate(pieces):
            if piece.startswith("\u2581") or not words:
                words.append([index])
            else:
                words[-1].append(index)
        return words

    def decode_word(self, pieces: Sequence[str]) -> str:
        text: str = self._target.decode(list(pieces))
        return text.strip()
