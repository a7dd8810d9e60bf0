"""Do the quality flags point at the worse translations? Per system: the share of lines
with a flagged sentence, the codes that fired, and the mean sentence-level chrF of the
flagged and of the unflagged lines against the reference.

A flag that does not separate worse lines from better ones is noise to a reader, so
``translate eval`` reports both means side by side. Sentence chrF is sacrebleu's
(``CHRF.sentence_score``), on the first reference.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FlagStats:
    lines: int
    flagged: int
    codes: tuple[tuple[str, int], ...]
    chrf_flagged: float | None
    chrf_unflagged: float | None

    @property
    def share(self) -> float:
        return self.flagged / self.lines if self.lines else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "flagged": self.flagged,
            "share": round(self.share, 4),
            "codes": dict(self.codes),
            "chrf_flagged": self.chrf_flagged,
            "chrf_unflagged": self.chrf_unflagged,
        }


def line_codes(report: Sequence[Mapping[str, object]]) -> list[str]:
    """The flag codes of one line's report entries (``LineResult.report``)."""
    codes: list[str] = []
    for entry in report:
        flags = entry.get("flags")
        if isinstance(flags, list):
            codes += [str(flag.get("code")) for flag in flags if isinstance(flag, dict)]
    return codes


def flag_stats(
    hypotheses: Sequence[str], references: Sequence[str], codes: Sequence[Sequence[str]]
) -> FlagStats:
    """``codes[i]`` are the flags of line ``i`` (empty: not flagged)."""
    from sacrebleu.metrics import CHRF

    chrf = CHRF(word_order=2)
    flagged: list[float] = []
    unflagged: list[float] = []
    counts: Counter[str] = Counter()
    for hypothesis, reference, line in zip(hypotheses, references, codes, strict=True):
        score = chrf.sentence_score(hypothesis, [reference]).score
        (flagged if line else unflagged).append(score)
        counts.update(set(line))

    def mean(values: list[float]) -> float | None:
        return round(sum(values) / len(values), 2) if values else None

    return FlagStats(
        lines=len(hypotheses),
        flagged=len(flagged),
        codes=tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        chrf_flagged=mean(flagged),
        chrf_unflagged=mean(unflagged),
    )
