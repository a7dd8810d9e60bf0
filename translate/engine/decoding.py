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
    # The model's length-normalised log-probability of ``tokens`` (CTranslate2's
    # ``return_scores``; of the generated part only where a prefix was forced).
    score: float | None = None

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
    # 0: the options' beam size; 1: greedy, for continuations after a forced prefix.
    beam_size: int = 0


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


def _length_groups(
    lengths: Sequence[int], group_tokens: int, keys: Sequence[int] | None = None
) -> list[list[int]]:
    """Indices sorted by length, cut into groups of at most ``group_tokens`` padded
    tokens. Each group is one CTranslate2 call, which batches it further by
    ``batch_tokens``; several batches per call keep CTranslate2 efficient, and a call
    per group lets progress move within a long chunk and bounds what one call holds.
    Indices with different ``keys`` (a per-sentence decoding setting) never share a
    group."""
    key_of = keys if keys is not None else [0] * len(lengths)
    order = sorted(range(len(lengths)), key=lambda i: (key_of[i], lengths[i], i))
    groups: list[list[int]] = []
    current: list[int] = []
    for index in order:
        if current and (
            key_of[index] != key_of[current[-1]]
            or lengths[index] * (len(current) + 1) > group_tokens
        ):
            groups.append(current)
            current = []
        current.append(index)
    if current:
        groups.append(current)
    return groups


# Decoding caps are rounded up to a multiple of this, so that sentences of similar
# length share a CTranslate2 call while each sentence's cap depends on it alone.
_CAP_STEP = 16


# Scoring batches hold at most this many tokens (or the options' budget, if smaller):
# a scored pair is padded to the longest source and target of its batch, and smaller
# batches pad less. Measured on this project's machine: 1024 scored the sample
# article's pairs 25% faster than 2048 with the toy model (11% with the base
# synthetic one); 512 was no faster, 256 slower.
_SCORE_BATCH_TOKENS = 1024

DecodeObserver = Callable[[str, int], None]
"""Called as ``observer(kind, n)`` after each model call: ``kind`` is ``"decode"`` or
``"score"`` and ``n`` the number of sentences in the call (progress, statistics)."""


@dataclass(frozen=True)
class TokenScores:
    """The model's log-probability of each target piece given a source (end token last)."""

    pieces: tuple[str, ...]
    log_probs: tuple[float, ...]

    @property
    def mean(self) -> float:
        """Length-normalised score, as beam search ranks hypotheses."""
        return sum(self.log_probs) / max(1, len(self.log_probs))


class SentenceTranslator:
    """Decodes and scores sentences with one model.

    The result for a sentence depends only on that request: requests that need a
    different kind of call (a forced prefix, alternatives, attention) never share a
    CTranslate2 call with plain ones, because those settings change how CTranslate2
    decodes every sentence of a call.
    """

    def __init__(
        self,
        backend: Backend,
        tokenizer: Tokenizer,
        options: TranslationOptions,
        *,
        cache: LRUCache | None = None,
        observer: DecodeObserver | None = None,
    ) -> None:
        self.backend = backend
        self.tokenizer = tokenizer
        self.options = options
        self.cache = cache if cache is not None else LRUCache()
        self.observer = observer
        self.decoded_sentences = 0
        self.scored_sentences = 0

    def observe(self, observer: DecodeObserver | None) -> None:
        """Set (or with ``None`` remove) the callback told about every model call."""
        self.observer = observer

    def translate(self, sources: Sequence[str]) -> list[SentenceTranslation]:
        return self.run([Request(s) for s in sources])

    def run(self, requests: Sequence[Request]) -> list[SentenceTranslation]:
        results: list[SentenceTranslation | None] = [None] * len(requests)
        pending: dict[Request, list[int]] = {}
        for position, request in enumerate(requests):
            cached = self.cache.get(request)
            if cached is not None:
                results[position] = cached
            else:
                pending.setdefault(request, []).append(position)
        kinds: dict[tuple[bool, int, bool, int], list[Request]] = {}
        for request in pending:
            kind = (
                bool(request.prefix),
                request.num_alternatives,
                request.return_attention,
                request.beam_size,
            )
            kinds.setdefault(kind, []).append(request)
        for _, unique in sorted(kinds.items()):
            encoded = [self.tokenizer.encode_source(r.source) for r in unique]
            lengths = [len(t) for t in encoded]
            caps = [self._cap(len(t), len(r.prefix)) for t, r in zip(encoded, unique)]
            for group in _length_groups(lengths, 4 * self.options.batch_tokens, caps):
                decoded = self._decode([unique[i] for i in group], [encoded[i] for i in group])
                for index, item in zip(group, decoded):
                    request = unique[index]
                    translation = self._finish(request, item)
                    self.cache.put(request, translation)
                    for position in pending[request]:
                        results[position] = translation
                if self.observer is not None:
                    self.observer("decode", len(group))
        return [r for r in results if r is not None]

    def score(self, pairs: Sequence[tuple[str, Sequence[str]]]) -> list[TokenScores]:
        """Score each ``(source text, target pieces)`` pair; the target pieces are
        without the model's own target prefix, which is added (and not returned)."""
        if not pairs:
            return []
        prefix = self.tokenizer.target_prefix
        sources = [self.tokenizer.encode_source(source) for source, _ in pairs]
        targets = [[*prefix, *pieces] for _, pieces in pairs]
        out: list[TokenScores | None] = [None] * len(pairs)
        lengths = [len(s) + len(t) for s, t in zip(sources, targets)]
        for group in _length_groups(lengths, 4 * self.options.batch_tokens):
            scored = self.backend.score(
                [sources[i] for i in group],
                [targets[i] for i in group],
                batch_tokens=min(self.options.batch_tokens, _SCORE_BATCH_TOKENS),
            )
            for index, log_probs in zip(group, scored):
                out[index] = TokenScores(tuple(pairs[index][1]), tuple(log_probs[len(prefix) :]))
            self.scored_sentences += len(group)
            if self.observer is not None:
                self.observer("score", len(group))
        return [s for s in out if s is not None]

    def _cap(self, source_tokens: int, prefix_tokens: int) -> int:
        """The most target tokens a sentence may get. A function of the sentence alone:
        a cap taken from the longest sentence of a batch made a sentence's translation
        depend on its neighbours (a hesitant beam ends differently under another cap)."""
        prefix = len(self.tokenizer.target_prefix) + prefix_tokens
        cap = math.ceil(source_tokens * self.options.length_ratio) + 10 + prefix
        cap = -(-cap // _CAP_STEP) * _CAP_STEP
        cap = min(self.options.max_decoding_length, cap)
        return max(cap, self.options.min_decoding_length, prefix + 1)

    def _decode(self, requests: list[Request], encoded: list[list[str]]) -> list[Decoded]:
        prefix_tokens = self.tokenizer.target_prefix
        prefixes = [prefix_tokens + list(r.prefix) for r in requests]
        longest_prefix = max(len(p) for p in prefixes)
        # Every request of a call has the same cap (see run).
        max_length = self._cap(len(encoded[0]), len(requests[0].prefix))
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
            beam_size=requests[0].beam_size,
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
            score=decoded.score,
        )
