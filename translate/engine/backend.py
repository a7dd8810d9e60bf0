"""The CTranslate2 model: loading, device choice, and batched decoding of token lists.

This layer knows tokens only; text, sentences and lines are the pipeline's business.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from translate.errors import ConfigError, ModelNotFoundError
from translate.options import TranslationOptions

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Decoded:
    """One source sentence's best hypothesis (and alternatives when asked for)."""

    tokens: list[str]
    score: float | None = None
    attention: list[list[float]] | None = None
    alternatives: tuple[list[str], ...] = ()


class Backend(Protocol):
    """What the pipeline needs from a model; tests substitute a fake."""

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
        """``beam_size`` 0 means the options' beam size."""
        ...

    def score(
        self,
        sources: Sequence[Sequence[str]],
        targets: Sequence[Sequence[str]],
        *,
        batch_tokens: int = 0,
    ) -> list[list[float]]:
        """Log-probability of each target token (the end token last) given its source."""
        ...


def resolve_device(device: str) -> str:
    if device != "auto":
        return device
    import ctranslate2

    return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"


class CTranslate2Backend:
    def __init__(self, model_path: Path, options: TranslationOptions) -> None:
        import ctranslate2

        self.device = resolve_device(options.device)
        self.compute_type = options.resolved_compute_type(self.device)
        self.beam_size = options.beam_size
        started = time.perf_counter()
        try:
            self._translator = ctranslate2.Translator(
                str(model_path),
                device=self.device,
                compute_type=self.compute_type,
                inter_threads=1,
                intra_threads=options.threads,
            )
        except ValueError as exc:
            raise ConfigError(
                f"cannot run the model with device={self.device} "
                f"compute_type={self.compute_type}: {exc}"
            ) from exc
        except RuntimeError as exc:
            raise ModelNotFoundError(f"cannot load the model in {model_path}: {exc}") from exc
        self.load_seconds = time.perf_counter() - started
        logger.info(
            "loaded %s on %s (%s) in %.2fs",
            model_path,
            self.device,
            self.compute_type,
            self.load_seconds,
        )

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
        if not batch:
            return []
        kwargs: dict[str, Any] = {}
        if target_prefix is not None and any(p for p in target_prefix):
            kwargs["target_prefix"] = [list(p) if p else None for p in target_prefix]
        if num_alternatives > 1:
            # Alternatives at the first free position after the prefix: used to choose a
            # continuation that starts a new word after a forced term.
            kwargs.update(num_hypotheses=num_alternatives, return_alternatives=True)
        results = self._translator.translate_batch(
            [list(tokens) for tokens in batch],
            beam_size=beam_size or self.beam_size,
            max_batch_size=batch_tokens,
            batch_type="tokens",
            max_decoding_length=max_decoding_length,
            min_decoding_length=min_decoding_length,
            return_scores=True,
            return_attention=return_attention,
            **kwargs,
        )
        decoded = []
        for result in results:
            attention = result.attention[0] if return_attention and result.attention else None
            decoded.append(
                Decoded(
                    tokens=list(result.hypotheses[0]),
                    score=result.scores[0] if result.scores else None,
                    attention=attention,
                    alternatives=tuple(list(h) for h in result.hypotheses[1:]),
                )
            )
        return decoded

    def score(
        self,
        sources: Sequence[Sequence[str]],
        targets: Sequence[Sequence[str]],
        *,
        batch_tokens: int = 0,
    ) -> list[list[float]]:
        if not sources:
            return []
        results = self._translator.score_batch(
            [list(tokens) for tokens in sources],
            [list(tokens) for tokens in targets],
            max_batch_size=batch_tokens,
            batch_type="tokens",
        )
        return [list(result.log_probs) for result in results]
