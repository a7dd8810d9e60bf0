"""Translation options, as one frozen value that every result records."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from translate.errors import ConfigError

Device = Literal["cpu", "cuda", "auto"]
ErrorPolicy = Literal["strict", "replace"]
GlossaryMode = Literal["align", "inject"]

COMPUTE_TYPES = (
    "default",
    "auto",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)


@dataclass(frozen=True)
class TranslationOptions:
    """How to translate; independent of which model and glossary are used.

    ``compute_type="default"`` means int8 on CPU and int8_float16 on CUDA, the fastest
    types that keep OPUS-MT quality. ``threads=0`` lets CTranslate2 use every core.
    ``batch_tokens`` bounds the source tokens of one batch (length-sorted), which bounds
    memory whatever the input. ``glossary_mode`` chooses the candidates of glossary
    enforcement (:mod:`translate.enforce.placement`): ``align`` places each missing
    rendering where the model's own words for the term are; ``inject`` also offers the
    translation of the source with the renderings written into it (one more decode
    per sentence with a missing term), kept only when the model scores it clearly
    better. Sentences longer than ``max_sentence_tokens`` are cut at clause boundaries
    before translation so nothing is truncated. ``repair_numbers`` places a number
    of the source that the model changed or dropped like a glossary term
    (:mod:`translate.enforce.numbers`); output digits are Western unless
    ``keep_digits`` (which also keeps the source's own digits in a repair).
    ``consistent_names`` renders each name no glossary lists one way within a document
    (:mod:`translate.enforce.consistency`; document-level callers only).
    """

    device: Device = "cpu"
    compute_type: str = "default"
    beam_size: int = 4
    threads: int = 0
    batch_tokens: int = 2048
    max_sentence_tokens: int = 200
    max_decoding_length: int = 256
    min_decoding_length: int = 0
    length_ratio: float = 1.5
    keep_diacritics: bool = False
    errors: ErrorPolicy = "strict"
    glossary_mode: GlossaryMode = "align"
    repair_numbers: bool = True
    keep_digits: bool = False
    consistent_names: bool = False
    extra: tuple[tuple[str, Any], ...] = field(default=())

    def __post_init__(self) -> None:
        problems = []
        if self.device not in ("cpu", "cuda", "auto"):
            problems.append(f"device must be cpu, cuda or auto, not {self.device!r}")
        if self.compute_type not in COMPUTE_TYPES:
            problems.append(
                f"compute type {self.compute_type!r} is unknown; use one of "
                + ", ".join(COMPUTE_TYPES)
            )
        if self.beam_size < 1:
            problems.append(f"beam size must be at least 1, not {self.beam_size}")
        if self.threads < 0:
            problems.append(f"threads must be 0 (all cores) or more, not {self.threads}")
        if self.batch_tokens < 1:
            problems.append(f"batch tokens must be positive, not {self.batch_tokens}")
        if self.max_sentence_tokens < 8:
            problems.append(
                f"max sentence tokens must be at least 8, not {self.max_sentence_tokens}"
            )
        if self.max_decoding_length < 1 or self.min_decoding_length < 0:
            problems.append("decoding lengths must be positive")
        if self.min_decoding_length > self.max_decoding_length:
            problems.append("min decoding length exceeds max decoding length")
        if self.glossary_mode not in ("align", "inject"):
            problems.append(f"glossary mode must be align or inject, not {self.glossary_mode!r}")
        if self.errors not in ("strict", "replace"):
            problems.append(f"errors must be strict or replace, not {self.errors!r}")
        if problems:
            raise ConfigError("; ".join(problems))

    def with_changes(self, **changes: Any) -> TranslationOptions:
        return replace(self, **changes)

    def resolved_compute_type(self, device: str) -> str:
        if self.compute_type != "default":
            return self.compute_type
        return "int8_float16" if device == "cuda" else "int8"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["extra"] = dict(self.extra)
        return data

    def digest(self) -> str:
        """Short stable hash of the options that change output (not threads/batching)."""
        relevant = self.as_dict()
        for key in ("threads", "batch_tokens", "errors", "device"):
            relevant.pop(key, None)
        blob = json.dumps(relevant, sort_keys=True, default=str).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:12]
