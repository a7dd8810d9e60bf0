"""Scoring translations: sacrebleu's BLEU, chrF++ and TER, glossary term metrics, paired
bootstrap significance and speed, for hypothesis files or for systems that translate.

Every corpus score comes from sacrebleu's own metric classes, so a number here equals what
the ``sacrebleu`` command prints for the same files (``-m bleu chrf ter --chrf-word-order 2``).
Text loading and the test-set registry live in :mod:`translate.evaluation.testsets`; the
result objects, their JSON form and the table in :mod:`translate.evaluation.report`.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from translate.errors import EvaluationError
from translate.evaluation.flagstats import flag_stats, line_codes
from translate.evaluation.report import (
    METRIC_NAMES,
    EvaluationReport,
    MetricScore,
    Significance,
    SpeedStats,
    SystemConfig,
    SystemResult,
    environment_variable,
    git_commit,
    plain,
    project_version,
)
from translate.evaluation.terms import Terms, glossary_terms, term_metrics
from translate.evaluation.testsets import EvalData

__all__ = [
    "DEFAULT_BOOTSTRAP",
    "DEFAULT_SEED",
    "METRIC_NAMES",
    "EvalProgress",
    "SystemFactory",
    "SystemSpec",
    "evaluate_hypotheses",
    "evaluate_systems",
    "paired_bootstrap",
    "score_corpus",
    "term_metrics",
    "translator_factory",
]

logger = logging.getLogger(__name__)

DEFAULT_SEED = 12345
DEFAULT_BOOTSTRAP = 1000


@dataclass(frozen=True)
class SystemSpec:
    """A system to translate with: a model, with or without the evaluation glossary."""

    model: str
    use_glossary: bool = False
    label: str = ""

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        base = Path(self.model).name if os.sep in self.model else self.model
        return base + ("+glossary" if self.use_glossary else "")


def score_corpus(
    hypotheses: Sequence[str], references: Sequence[Sequence[str]]
) -> dict[str, MetricScore]:
    """BLEU, chrF++ and TER of one system against one or more reference streams."""
    refs = _check_references(hypotheses, references)
    scores = {}
    for name, metric in _metrics().items():
        result = metric.corpus_score(list(hypotheses), refs)
        signature = metric.get_signature().format()
        scores[name] = MetricScore(result.name, float(result.score), signature, str(result))
    return scores


def paired_bootstrap(
    systems: Sequence[tuple[str, Sequence[str]]],
    references: Sequence[Sequence[str]],
    *,
    samples: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
) -> dict[str, dict[str, Significance]]:
    """Paired bootstrap resampling against the first system, by sacrebleu's public
    :class:`sacrebleu.significance.PairedTest` (what ``sacrebleu --paired-bs`` runs):
    with ``SACREBLEU_SEED`` set to ``seed`` the numbers equal those of ``SACREBLEU_SEED=seed
    sacrebleu REF -i SYS... --paired-bs``; seed 0 (unseeded in sacrebleu) is passed on as
    2**64. The baseline's p-value is meaningless and dropped."""
    from sacrebleu.significance import PairedTest

    if len(systems) < 2:
        raise ValueError("paired bootstrap needs at least two systems")
    if samples < 1:
        raise ValueError(f"bootstrap samples must be positive, not {samples}")
    for _, hyps in systems:  # every system must have as many lines as the references
        refs = _check_references(hyps, references)
    with environment_variable("SACREBLEU_SEED", str(seed or 2**64)):
        test = PairedTest(list(systems), _metrics(), refs, test_type="bs", n_samples=samples)
        _, columns = test()
    out: dict[str, dict[str, Significance]] = {name: {} for name, _ in systems}
    for metric in METRIC_NAMES:
        for position, ((name, _), r) in enumerate(zip(systems, columns[metric], strict=True)):
            assert not isinstance(r, str)  # only the "System" column holds names
            p_value = None if position == 0 or r.p_value is None else float(r.p_value)
            out[name][metric] = Significance(
                metric, float(r.score), float(r.mean or 0.0), float(r.ci or 0.0), p_value
            )
    return out


SystemFactory = Callable[[SystemSpec, Any], Any]
#: ``(system name, lines done, lines in all)``: called as each system starts and per line.
EvalProgress = Callable[[str, int, int], None]


def translator_factory(
    *, models_dir: Path | None = None, options: Any = None, offline: bool = False
) -> SystemFactory:
    """The real systems: a :class:`translate.translator.Translator` per spec."""

    def make(spec: SystemSpec, glossary: Any) -> Any:
        from translate.translator import Translator

        return Translator(
            spec.model, options, glossary=glossary, models_dir=models_dir, offline=offline
        )

    return make


def evaluate_systems(
    data: EvalData,
    specs: Sequence[SystemSpec],
    *,
    system_factory: SystemFactory,
    glossary: Any = None,
    glossary_files: Sequence[str] = (),
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    progress: EvalProgress | None = None,
) -> EvaluationReport:
    """Translate the source with each system, timing it, and score every output.

    ``system_factory(spec, glossary_or_None)`` returns an object with
    ``translate_lines(lines)`` yielding results with ``.text`` and ``.target_tokens``, and
    optionally ``load_seconds``, ``options``, ``signature()`` and ``manifest`` (or
    ``model.manifest``, as :class:`~translate.translator.Translator` has) attributes.
    A system's load time is its own: building it, or the ``load_seconds`` it reports (a
    lazy load during its first batch included) if more. ``progress`` hears of every line.
    """
    if data.source is None:
        raise EvaluationError("translating needs a source file: pass --src (or --hyp to score)")
    if not specs:
        raise EvaluationError("no system to evaluate: pass --model NAME or --hyp FILE")
    if any(s.use_glossary for s in specs) and glossary is None:
        raise EvaluationError("a system asks for the glossary but none was given (--glossary)")
    terms = glossary_terms(glossary, data.source)
    results = []
    for spec, name in zip(specs, _unique(s.name for s in specs), strict=True):
        logger.info("translating %d lines with %s", len(data.source), name)
        total = len(data.source)
        if progress is not None:
            progress(name, 0, total)
        started = time.perf_counter()
        system = system_factory(spec, glossary if spec.use_glossary else None)
        built = time.perf_counter() - started
        load_before = float(getattr(system, "load_seconds", None) or 0.0)
        texts: list[str] = []
        codes: list[list[str]] = []
        tokens = 0
        started = time.perf_counter()
        for line in system.translate_lines(data.source):
            texts.append(line.text)
            codes.append(line_codes(getattr(line, "report", ())))
            tokens += int(line.target_tokens)
            if progress is not None:
                progress(name, len(texts), total)
        elapsed = time.perf_counter() - started
        # A lazy model loaded during the first batch: its load is not translation time.
        lazy = max(float(getattr(system, "load_seconds", None) or 0.0) - load_before, 0.0)
        elapsed = max(elapsed - lazy, 0.0)
        if len(texts) != len(data.source):
            raise EvaluationError(f"{name} returned {len(texts)} lines for {len(data.source)}")
        signature = getattr(system, "signature", None)
        config = SystemConfig(
            name,
            spec.model,
            spec.use_glossary,
            options=plain(getattr(system, "options", None)),
            signature=plain(signature() if callable(signature) else signature),
        )
        manifest = getattr(system, "manifest", None)
        if manifest is None:
            manifest = getattr(getattr(system, "model", None), "manifest", None)
        speed = SpeedStats(max(built, load_before + lazy), elapsed, len(texts), tokens)
        result = _score_system(config, texts, data, terms, glossary, speed, manifest)
        results.append(
            dataclasses.replace(result, flags=flag_stats(texts, data.references[0], codes))
        )
    return _report(results, data, glossary, glossary_files, bootstrap, seed)


def evaluate_hypotheses(
    data: EvalData,
    hypotheses: Sequence[tuple[str, Sequence[str]]],
    *,
    glossary: Any = None,
    glossary_files: Sequence[str] = (),
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
) -> EvaluationReport:
    """Score existing outputs, given as (file name, lines) pairs, without translating."""
    if not hypotheses:
        raise EvaluationError("no hypothesis to score")
    if glossary is not None and data.source is None:
        raise EvaluationError("term metrics need the source text: pass --src with --glossary")
    names = _unique(Path(label).name or label for label, _ in hypotheses)
    terms = glossary_terms(glossary, data.source)
    results = [
        _score_system(SystemConfig(name, hypothesis_file=label), lines, data, terms, glossary)
        for name, (label, lines) in zip(names, hypotheses, strict=True)
    ]
    return _report(results, data, glossary, glossary_files, bootstrap, seed)


# -- helpers ---------------------------------------------------------------------------------


def _metrics() -> dict[str, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {"BLEU": BLEU(), "chrF2++": CHRF(word_order=2), "TER": TER()}


def _check_references(
    hypotheses: Sequence[str], references: Sequence[Sequence[str]]
) -> list[list[str]]:
    if not references:
        raise EvaluationError("at least one reference is needed")
    for ref in references:
        if len(ref) != len(hypotheses):
            raise EvaluationError(
                f"the hypothesis has {len(hypotheses)} lines but a reference has {len(ref)} lines"
            )
    return [list(r) for r in references]


def _score_system(
    config: SystemConfig,
    hypotheses: Sequence[str],
    data: EvalData,
    terms: Terms | None,
    glossary: Any,
    speed: SpeedStats | None = None,
    manifest: Any = None,
) -> SystemResult:
    return SystemResult(
        config=config,
        scores=score_corpus(hypotheses, data.references),
        hypotheses=tuple(hypotheses),
        terms=None if terms is None else term_metrics(hypotheses, *terms),
        speed=speed,
        manifest=plain(manifest),
        glossary_digest=glossary.digest if glossary is not None and config.glossary else None,
    )


def _report(
    results: list[SystemResult],
    data: EvalData,
    glossary: Any,
    glossary_files: Sequence[str],
    bootstrap: int,
    seed: int,
) -> EvaluationReport:
    import sacrebleu

    samples = bootstrap if len(results) > 1 and bootstrap > 0 else 0
    if samples:
        sig = paired_bootstrap(
            [(r.config.name, r.hypotheses) for r in results],
            data.references,
            samples=samples,
            seed=seed,
        )
        results = [dataclasses.replace(r, significance=sig[r.config.name]) for r in results]
    return EvaluationReport(
        systems=tuple(results),
        data=data,
        glossary_files=tuple(str(f) for f in glossary_files),
        glossary_digest=None if glossary is None else glossary.digest,
        glossary_entries=None if glossary is None else len(list(glossary.entries)),
        bootstrap_samples=samples,
        seed=seed if samples else None,
        created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        git_commit=git_commit(),
        project_version=project_version(),
        sacrebleu_version=sacrebleu.__version__,
    )


def _unique(names: Iterable[str]) -> list[str]:
    seen: Counter = Counter()
    out = []
    for name in names:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return out
