"""Translation engines for batch runs: what :mod:`translate.files.run` needs from a model.

:class:`LocalEngine` wraps one :class:`~translate.translator.Translator` in this
process; :class:`translate.files.ray_engine.RayEngine` spreads the same work over Ray actors.
:class:`EngineSpec` says how to build a translator and is picklable, so remote workers
can build their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from translate.engine.pipeline import LineResult
from translate.options import TranslationOptions

DecodeCallback = Callable[[int], None]


class Engine(Protocol):
    """What a batch run needs from a translation engine.

    ``chunk_units`` is the chunk size the engine works best with: large for one local
    model (a chunk's sentences are length-sorted into batches together, and each chunk
    ends with a part-filled batch), smaller for Ray (chunks are the unit of parallelism).
    """

    load_seconds: float
    chunk_units: int

    def count_sentences(self, documents: Sequence[Sequence[str]]) -> list[int]:
        """Sentences the pipeline will translate, for each list of units."""
        ...

    def translate_chunks(self, chunks: Iterable[Sequence[str]]) -> Iterator[LineResult]:
        """One result per unit of every chunk, in order."""
        ...

    def decoded_sentences(self) -> int | None: ...

    @property
    def options(self) -> TranslationOptions:
        """The translation options the engine's translators use."""
        ...

    def make_consistent(
        self, units: Sequence[str], results: Sequence[LineResult]
    ) -> list[LineResult]:
        """One document's results again with each name rendered one way
        (:meth:`translate.translator.Translator.make_consistent`)."""
        ...

    def signature(self) -> dict[str, Any]:
        """What makes the translations: model, revision, options and glossary digests."""
        ...

    def watch_decoding(self, callback: DecodeCallback | None) -> None:
        """Have ``callback(n)`` called after each batch of ``n`` decoded sentences (for
        progress within a chunk); engines that cannot may ignore it."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class EngineSpec:
    """How to build a translator; picklable, so Ray actors can build their own."""

    model: str
    options: TranslationOptions = field(default_factory=TranslationOptions)
    glossary: Any = None
    models_dir: Path | None = None
    offline: bool = False
    cache_path: Path | None = None

    def signature(self) -> dict[str, Any] | None:
        """The signature the translator built from this spec will have, without loading
        the model (for checking earlier outputs); None when the model is not installed
        here yet (then only loading it can tell)."""
        from translate.engine.backend import resolve_device
        from translate.errors import ModelNotFoundError
        from translate.translator import resolve_model, translation_signature

        try:
            model = resolve_model(self.model, self.models_dir, offline=True)
        except ModelNotFoundError:
            return None
        compute_type = self.options.resolved_compute_type(resolve_device(self.options.device))
        return translation_signature(model, self.options, compute_type, self.glossary)


class LocalEngine:
    """One :class:`~translate.translator.Translator` in this process."""

    chunk_units = 1024

    def __init__(self, translator: Any, cache: Any = None) -> None:
        self.translator = translator
        self.cache = cache
        self.load_seconds: float = translator.load_seconds

    @classmethod
    def open(cls, spec: EngineSpec) -> LocalEngine:
        from translate.translator import Translator, resolve_model

        # The model folder is resolved first: it and the options are the cache's namespace,
        # so the cache is whole before the translator takes it.
        model = resolve_model(spec.model, spec.models_dir, offline=spec.offline)
        cache = None
        if spec.cache_path is not None:
            from translate.files.cache import TranslationCache, cache_namespace

            cache = TranslationCache(spec.cache_path, cache_namespace(model, spec.options))
        try:
            translator = Translator(model, spec.options, glossary=spec.glossary, cache=cache)
        except BaseException:
            if cache is not None:
                cache.close()
            raise
        return cls(translator, cache)

    def count_sentences(self, documents: Sequence[Sequence[str]]) -> list[int]:
        from translate.engine.pipeline import segment_line
        from translate.text.normalize import normalize_text

        options = self.translator.options
        count = self.translator.tokenizer.count_source
        return [
            sum(
                len(
                    segment_line(
                        normalize_text(unit, keep_diacritics=options.keep_diacritics),
                        options.max_sentence_tokens,
                        count,
                    )
                )
                for unit in units
                if unit.strip()
            )
            for units in documents
        ]

    def translate_chunks(self, chunks: Iterable[Sequence[str]]) -> Iterator[LineResult]:
        results: Iterator[LineResult] = self.translator.translate_chunks(chunks)
        return results

    @property
    def options(self) -> TranslationOptions:
        options: TranslationOptions = self.translator.options
        return options

    def make_consistent(
        self, units: Sequence[str], results: Sequence[LineResult]
    ) -> list[LineResult]:
        done: list[LineResult] = self.translator.make_consistent(units, results)
        return done

    def signature(self) -> dict[str, Any]:
        signature: dict[str, Any] = self.translator.signature()
        return signature

    def decoded_sentences(self) -> int | None:
        count: int = self.translator.sentence_translator.decoded_sentences
        return count

    def watch_decoding(self, callback: DecodeCallback | None) -> None:
        def observer(kind: str, count: int) -> None:
            if callback is not None and kind == "decode":
                callback(count)

        self.translator.sentence_translator.observe(None if callback is None else observer)

    def close(self) -> None:
        self.watch_decoding(None)
        if self.cache is not None:
            self.cache.close()
