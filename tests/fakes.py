"""Deterministic stand-ins for the model, for tests of everything around it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from translate.engine.backend import Decoded


class WhitespaceTokenizer:
    """Words as tokens; enough for the pipeline's bookkeeping."""

    def __init__(self) -> None:
        self.source_prefix: list[str] = []
        self.source_suffix: list[str] = []
        self.target_prefix: list[str] = []

    def encode_source(self, text: str) -> list[str]:
        return text.split()

    def count_source(self, text: str) -> int:
        return len(text.split())

    def encode_target(self, text: str) -> list[str]:
        return text.split()

    def decode_target(self, pieces: Sequence[str]) -> str:
        return " ".join(pieces)

    def source_spans(self, segments: Sequence[str]) -> list[tuple[int, int]]:
        spans, cursor = [], 0
        for segment in segments:
            count = len(segment.split())
            spans.append((cursor, cursor + count))
            cursor += count
        return spans

    def group_words(self, pieces: Sequence[str]) -> list[list[int]]:
        return [[i] for i in range(len(pieces))]

    def decode_word(self, pieces: Sequence[str]) -> str:
        return " ".join(pieces)


class FakeBackend:
    """Maps each source token through ``word_map`` (unknown tokens pass unchanged).

    Records every batch it was given so tests can check batching and de-duplication.
    ``rewrite`` post-processes a hypothesis, to simulate a model dropping or altering
    words.
    """

    def __init__(
        self,
        word_map: dict[str, str] | None = None,
        rewrite: Callable[[list[str]], list[str]] | None = None,
    ) -> None:
        self.word_map = word_map or {}
        self.rewrite = rewrite
        self.batches: list[list[list[str]]] = []
        self.max_lengths: list[int] = []

    def decode(
        self,
        batch: Sequence[Sequence[str]],
        *,
        target_prefix: Sequence[Sequence[str] | None] | None = None,
        return_attention: bool = False,
        num_alternatives: int = 1,
        max_decoding_length: int = 256,
        min_decoding_length: int = 0,
        batch_tokens: int = 0,
        beam_size: int = 0,
    ) -> list[Decoded]:
        self.batch_tokens = batch_tokens
        self.batches.append([list(t) for t in batch])
        self.max_lengths.append(max_decoding_length)
        out = []
        for index, tokens in enumerate(batch):
            words = [self.word_map.get(t, t) for t in tokens]
            if self.rewrite is not None:
                words = self.rewrite(words)
            prefix = list(target_prefix[index] or []) if target_prefix else []
            hypothesis = prefix + words[len(prefix) :] if prefix else words
            attention = [
                [1.0 if i == j else 0.0 for i in range(len(tokens))] for j in range(len(hypothesis))
            ]
            # A confident model: the fake's scores never raise a low-confidence flag.
            out.append(
                Decoded(
                    tokens=hypothesis,
                    score=-0.1,
                    attention=attention if return_attention else None,
                )
            )
        return out

    def score(
        self,
        sources: Sequence[Sequence[str]],
        targets: Sequence[Sequence[str]],
        *,
        batch_tokens: int = 0,
    ) -> list[list[float]]:
        """A bag-of-words model: a target word is likely (0) when the source maps to it
        and unlikely (-3) otherwise, so a name the source does not have is unlikely
        wherever it stands; the end token costs nothing."""
        self.scored = getattr(self, "scored", 0) + len(sources)
        out = []
        for source, target in zip(sources, targets):
            words = [self.word_map.get(t, t) for t in source]
            known = {w for phrase in words for w in phrase.split()}
            out.append([0.0 if t in known else -3.0 for t in target] + [0.0])
        return out
