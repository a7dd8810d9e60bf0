"""The public translation API: ``Translator(model=...).translate_lines(lines)``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translate.enforce.rules import DEFAULT_RULES
from translate.engine.backend import Backend, CTranslate2Backend
from translate.engine.decoding import LRUCache, SentenceTranslator
from translate.engine.pipeline import LinePipeline, LineResult, SentenceHook, has_arabic_letter
from translate.engine.tokenizer import Tokenizer
from translate.glossary.model import Glossary
from translate.models.directory import ModelDirectory
from translate.models.resolve import resolve_model
from translate.options import TranslationOptions
from translate.text.flags import rules_for_family

if TYPE_CHECKING:
    from translate.enforce.placement import GlossaryPlacer

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "opus-mt-tc-big-ar-en"

__all__ = ["DEFAULT_MODEL", "Translator", "resolve_model", "translation_signature"]


def model_family(model: ModelDirectory) -> str:
    """The family whose score scale a model shares (quality flags' confidence level,
    and where nothing is inserted): ``toy`` for the project's bundled toy models,
    ``marian`` for OPUS-MT/Marian models, ``other`` for the rest (NLLB, a folder
    without a manifest): no confidence level is known for those."""
    architecture = str(model.manifest.get("architecture") or "")
    if model.manifest.get("bundled") and model.name.startswith("toy"):
        return "toy"
    return "marian" if architecture.startswith("marian") else "other"


def translation_signature(
    model: ModelDirectory,
    options: TranslationOptions,
    compute_type: str,
    glossary: Glossary | None = None,
) -> dict[str, Any]:
    """The signature of translations by ``model`` with these settings; known before the
    model is loaded (the files job checks earlier outputs against it)."""
    from translate import __version__

    return {
        "model": model.name,
        "model_revision": model.revision,
        "options": options.digest(),
        "compute_type": compute_type,
        "glossary": glossary.digest if glossary is not None else None,
        "enforcement": (
            DEFAULT_RULES.digest() if glossary is not None or options.repair_numbers else None
        ),
        "flags": rules_for_family(model_family(model)).digest(),
        "version": __version__,
    }


class Translator:
    """Translate Arabic lines to English with one loaded model.

    >>> translator = Translator("opus-mt-tc-big-ar-en")            # doctest: +SKIP
    >>> for result in translator.translate_lines(["مرحبا بالعالم"]):  # doctest: +SKIP
    ...     print(result.text)
    """

    def __init__(
        self,
        model: str | Path | ModelDirectory = DEFAULT_MODEL,
        options: TranslationOptions | None = None,
        *,
        glossary: Glossary | None = None,
        models_dir: Path | None = None,
        offline: bool = False,
        backend: Backend | None = None,
        hook: SentenceHook | None = None,
        progress: Callable[[int, int | None], None] | None = None,
        cache: LRUCache | None = None,
    ) -> None:
        self.options = options or TranslationOptions()
        # An already resolved folder (the files job resolves it first to key its cache).
        self.model = (
            model
            if isinstance(model, ModelDirectory)
            else resolve_model(model, models_dir, offline=offline, progress=progress)
        )
        self.tokenizer = Tokenizer.for_model(self.model)
        if backend is None:
            real = CTranslate2Backend(self.model.path, self.options)
            self.load_seconds = real.load_seconds
            self.device = real.device
            self.compute_type = real.compute_type
            backend = real
        else:
            self.load_seconds = 0.0
            self.device = "fake"
            self.compute_type = "n/a"
        self.backend = backend
        self.glossary = glossary
        # The model family's flag thresholds; its confidence level also gates insertion.
        self.flag_rules = rules_for_family(model_family(self.model))
        if hook is None and (glossary is not None or self.options.repair_numbers):
            hook = self._new_placer()
        self.sentence_translator = SentenceTranslator(
            backend, self.tokenizer, self.options, cache=cache
        )
        self.pipeline = LinePipeline(
            self.sentence_translator,
            signature=self.signature(),
            hook=hook,
            keep_diacritics=self.options.keep_diacritics,
            max_sentence_tokens=self.options.max_sentence_tokens,
            keep_digits=self.options.keep_digits,
            flag_rules=self.flag_rules,
        )

    def signature(self) -> dict[str, Any]:
        """What produced a result, in the spirit of sacrebleu's signatures."""
        return translation_signature(self.model, self.options, self.compute_type, self.glossary)

    def translate_lines(self, lines: Iterable[str], chunk_lines: int = 64) -> Iterator[LineResult]:
        """Yield one result per input line, in order, translating ``chunk_lines`` at a time."""
        iterator = iter(lines)
        return self.pipeline.translate_chunks(iter(lambda: list(islice(iterator, chunk_lines)), []))

    def translate_chunks(self, chunks: Iterable[Sequence[str]]) -> Iterator[LineResult]:
        """Like :meth:`translate_lines` with the caller deciding what is batched together
        (the pipe mode gives whatever lines have arrived)."""
        return self.pipeline.translate_chunks(chunks)

    def translate_document(self, lines: Sequence[str]) -> list[LineResult]:
        """Translate the lines of one document, each name no glossary lists rendered one
        way throughout it (:mod:`translate.enforce.consistency`)."""
        return self.make_consistent(lines, list(self.translate_lines(lines)))

    def make_consistent(
        self, lines: Sequence[str], results: Sequence[LineResult]
    ) -> list[LineResult]:
        """``results``, the translations of one document's ``lines``, again where a name
        was rendered in two ways: enforced one way, reported as ``consistency``. Finding
        the names costs one scoring call; the lines holding a name made consistent go
        through enforcement again (their plain translations from the cache)."""
        from translate.enforce.consistency import consistency_entries, name_renderings

        per_line = [self.pipeline.segment(line) for line in lines]
        sentences = [s for line in per_line for s in line if has_arabic_letter(s)]
        if not sentences:
            return list(results)
        plain = self.sentence_translator.translate(sentences)
        placer = self.placer()
        names = name_renderings(
            sentences,
            plain,
            self.sentence_translator,
            self.tokenizer,
            skip=placer.matcher,
            min_count=2,  # a name seen once is consistent by itself
        )
        entries = consistency_entries(names)
        if not entries:
            return list(results)
        # Only lines holding one of those names are enforced again: in the others the
        # new entries match nothing, so their results would come out the same.
        extra = placer.with_entries(entries)
        matcher = extra.extra
        if matcher is None:
            return list(results)
        again = [k for k, line in enumerate(per_line) if any(matcher.find(s) for s in line)]
        redone = self.pipeline.with_hook(extra).translate_chunk([lines[k] for k in again])
        done = list(results)
        for k, result in zip(again, redone):
            done[k] = result
        return done

    def placer(self) -> GlossaryPlacer:
        """The glossary placer translations use (one without a glossary if none)."""
        from translate.enforce.placement import GlossaryPlacer

        hook = self.pipeline.hook
        return hook if isinstance(hook, GlossaryPlacer) else self._new_placer()

    def _new_placer(self) -> GlossaryPlacer:
        from translate.enforce.placement import GlossaryPlacer

        return GlossaryPlacer(
            self.glossary,
            self.tokenizer,
            mode=self.options.glossary_mode,
            numbers=self.options.repair_numbers,
            keep_digits=self.options.keep_digits,
            min_confidence=self.flag_rules.min_confidence,
        )

    def translate_text(self, text: str) -> str:
        """Translate a block of text, keeping its line structure."""
        lines = text.split("\n")
        return "\n".join(r.text for r in self.translate_lines(lines))
