"""The public translation API: ``Translator(model=...).translate_lines(lines)``."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from translate.enforce.rules import DEFAULT_RULES
from translate.engine.backend import Backend, CTranslate2Backend
from translate.engine.decoding import LRUCache, SentenceTranslator
from translate.engine.pipeline import LinePipeline, LineResult, SentenceHook
from translate.engine.tokenizer import Tokenizer
from translate.glossary.model import Glossary
from translate.models.directory import ModelDirectory, open_model_directory
from translate.models.store import default_models_dir
from translate.options import TranslationOptions

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "opus-mt-tc-big-ar-en"


def resolve_model(
    model: str | Path,
    models_dir: Path | None = None,
    *,
    offline: bool = False,
    progress: Callable[[int, int | None], None] | None = None,
) -> ModelDirectory:
    """Find an installed model by path or catalogue name; install the default on first use."""
    candidate = Path(model).expanduser()
    looks_like_path = isinstance(model, Path) or os.sep in str(model) or str(model).startswith(".")
    if looks_like_path or (candidate / "model.bin").is_file():
        return open_model_directory(candidate)
    name = str(model)
    root = models_dir or default_models_dir()
    installed = root / name
    if installed.is_dir():
        return open_model_directory(installed, name)
    from translate.resources import models_resource_dir

    bundled = models_resource_dir() / name
    if (bundled / "model.bin").is_file():
        return open_model_directory(bundled, name)
    from translate.models.install import ensure_model

    return open_model_directory(ensure_model(name, root, offline=offline, progress=progress), name)


class Translator:
    """Translate Arabic lines to English with one loaded model.

    >>> translator = Translator("opus-mt-tc-big-ar-en")            # doctest: +SKIP
    >>> for result in translator.translate_lines(["مرحبا بالعالم"]):  # doctest: +SKIP
    ...     print(result.text)
    """

    def __init__(
        self,
        model: str | Path = DEFAULT_MODEL,
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
        self.model = resolve_model(model, models_dir, offline=offline, progress=progress)
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
        if hook is None and glossary is not None:
            from translate.enforce.placement import GlossaryPlacer

            hook = GlossaryPlacer(glossary, self.tokenizer, mode=self.options.glossary_mode)
        self.sentence_translator = SentenceTranslator(
            backend, self.tokenizer, self.options, cache=cache
        )
        self.pipeline = LinePipeline(
            self.sentence_translator,
            signature=self.signature(),
            hook=hook,
            keep_diacritics=self.options.keep_diacritics,
            max_sentence_tokens=self.options.max_sentence_tokens,
        )

    def signature(self) -> dict[str, Any]:
        """What produced a result, in the spirit of sacrebleu's signatures."""
        from translate import __version__

        return {
            "model": self.model.name,
            "model_revision": self.model.revision,
            "options": self.options.digest(),
            "compute_type": self.compute_type,
            "glossary": self.glossary.digest if self.glossary is not None else None,
            "enforcement": DEFAULT_RULES.digest() if self.glossary is not None else None,
            "version": __version__,
        }

    def translate_lines(self, lines: Iterable[str], chunk_lines: int = 64) -> Iterator[LineResult]:
        """Yield one result per input line, in order, translating ``chunk_lines`` at a time."""
        iterator = iter(lines)
        return self.pipeline.translate_chunks(iter(lambda: list(islice(iterator, chunk_lines)), []))

    def translate_chunks(self, chunks: Iterable[Sequence[str]]) -> Iterator[LineResult]:
        """Like :meth:`translate_lines` with the caller deciding what is batched together
        (the pipe mode gives whatever lines have arrived)."""
        return self.pipeline.translate_chunks(chunks)

    def translate_text(self, text: str) -> str:
        """Translate a block of text, keeping its line structure."""
        lines = text.split("\n")
        return "\n".join(r.text for r in self.translate_lines(lines))
