"""Sentence-level translation: de-duplication, length-sorted token-budget batches,
results back in input order.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from translate.engine.backend import Backend, Decoded
from translate.engine.tokenizer import Tokenizer
from translate.options import TranslationOptions


@dataclass(frozen=True)
class SentenceTranslation:
    source: str
    text: str
    tokens: tuple[str, ...]
    attention: tuple[tuple[float, ...], ...] | None = None
    alternatives: tuple[tuple[str, ...], ...] = ()

    @property
    def target_token_count(self) -> int:
        return len(self.tokens)


@dataclass(frozen=True)
class Request:
    """One decode: source text, optionally a forced English prefix (as pieces)."""

    source: str
    prefix: tuple[str, ...] = ()
    return_attention: bool = False
    num_alternatives: int = 1


class LRUCache:
    """Bounded memo of finished translations, so endless streams stay in bounded memory.

    Keys are :class:`Request` values, which hold the exact source sent to the model
    (glossary injections included); a persistent cache for batch runs implements the
    same ``get``/``put`` and adds the model revision and options digest to the key.
    """

    def __init__(self, capacity: int = 50_000) -> None:
        self.capacity = capacity
        self._items: OrderedDict[Request, SentenceTranslation] = OrderedDict()

    def get(self, key: Request) -> SentenceTranslation | None:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def put(self, key: Request, value: SentenceTranslation) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)


def _length_groups(lengths: Sequence[int], group_tokens: int) -> list[list[int]]:
    """Indices sorted by length, cut into groups of at most ``group_tokens`` padded
    tokens. Each group is one CTranslate2 call, which batches it further by
    ``batch_tokens``; several batches per call keep CTranslate2 efficient, and a call
    per group lets progress move within a long chunk and bounds what one call holds."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    groups: list[list[int]] = []
    current: list[int] = []
    for index in order:
        if current and lengths[index] * (len(current) + 1) > group_tokens:
            groups.append(current)
            current = []
        current.append(index)
    if current:
        groups.append(current)
    return groups


class SentenceTranslator:
    def __init__(
        self,
        backend: Backend,
        tokenizer: Tokenizer,
        options: TranslationOptions,
        *,
        cache: LRUCache | None = None,
    ) -> None:
        self.backend = backend
        self.tokenizer = tokenizer
        self.options = options
        self.cache = cache if cache is not None else LRUCache()
        self.decoded_sentences = 0

    def translate(self, sources: Sequence[str]) -> list[SentenceTranslation]:
        return self.run([Request(s) for s in sources])

    def run(
        self, requests: Sequence[Request], on_batch: Callable[[int], None] | None = None
    ) -> list[SentenceTranslation]:
        results: list[SentenceTranslation | None] = [None] * len(requests)
        pending: dict[Request, list[int]] = {}
        for position, request in enumerate(requests):
            cached = self.cache.get(request)
            if cached is not None:
                results[position] = cached
            else:
                pending.setdefault(request, []).append(position)
        unique = list(pending)
        encoded = [self.tokenizer.encode_source(r.source) for r in unique]
        for group in _length_groups([len(t) for t in encoded], 4 * self.options.batch_tokens):
            decoded = self._decode([unique[i] for i in group], [encoded[i] for i in group])
            for index, item in zip(group, decoded):
                request = unique[index]
                translation = self._finish(request, item)
                self.cache.put(request, translation)
                for position in pending[request]:
                    results[position] = translation
            if on_batch is not None:
                on_batch(len(group))
        return [r for r in results if r is not None]

    def _decode(self, requests: list[Request], encoded: list[list[str]]) -> list[Decoded]:
        longest = max(len(tokens) for tokens in encoded)
        prefix_tokens = self.tokenizer.target_prefix
        prefixes = [prefix_tokens + list(r.prefix) for r in requests]
        longest_prefix = max(len(p) for p in prefixes)
        max_length = min(
            self.options.max_decoding_length,
            math.ceil(longest * self.options.length_ratio) + 10 + longest_prefix,
        )
        max_length = max(max_length, self.options.min_decoding_length, longest_prefix + 1)
        self.decoded_sentences += len(requests)
        # CTranslate2 sorts the inputs by length and cuts them into batches of at most
        # batch_tokens tokens itself, which measured faster than feeding it our own
        # batches one call at a time.
        return self.backend.decode(
            encoded,
            batch_tokens=self.options.batch_tokens,
            target_prefix=prefixes if longest_prefix else None,
            return_attention=any(r.return_attention for r in requests),
            num_alternatives=max(r.num_alternatives for r in requests),
            max_decoding_length=max_length,
            min_decoding_length=self.options.min_decoding_length,
        )

    def _finish(self, request: Request, decoded: Decoded) -> SentenceTranslation:
        attention = (
            tuple(tuple(row) for row in decoded.attention)
            if request.return_attention and decoded.attention is not None
            else None
        )
        return SentenceTranslation(
            source=request.source,
            text=self.tokenizer.decode_target(decoded.tokens),
            tokens=tuple(decoded.tokens),
            attention=attention,
            alternatives=tuple(tuple(a) for a in decoded.alternatives),
        )
