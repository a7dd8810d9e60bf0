"""What an evaluation run produces: frozen result objects, their versioned JSON form, a
readable table and a markdown version, and the provenance (project version, git commit).

The computations that fill these objects live in :mod:`translate.evaluation.scoring`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import json
import os
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.evaluation.flagstats import FlagStats
from translate.evaluation.testsets import EvalData
from translate.fileio import atomic_write_text

# 2: every system carries its output lines ("hypotheses"); 3: and its quality flags.
SCHEMA_VERSION = 3
METRIC_NAMES = ("BLEU", "chrF2++", "TER")


@dataclass(frozen=True)
class MetricScore:
    name: str
    score: float
    signature: str
    detail: str


@dataclass(frozen=True)
class TermScores:
    """Glossary term metrics: ``accuracy`` over source occurrences (WMT terminology exact
    match, counting multiplicity) and ``precision`` over glossary renderings in the output."""

    occurrences: int
    matched: int
    output_renderings: int
    supported: int
    missed: tuple[tuple[int, str], ...] = ()
    unsupported: tuple[tuple[int, str], ...] = ()

    @property
    def accuracy(self) -> float | None:
        return self.matched / self.occurrences if self.occurrences else None

    @property
    def precision(self) -> float | None:
        return self.supported / self.output_renderings if self.output_renderings else None


@dataclass(frozen=True)
class Significance:
    """One metric of one system under paired bootstrap resampling against the first system;
    ``p_value`` is None for that first system."""

    metric: str
    score: float
    mean: float
    ci: float
    p_value: float | None


@dataclass(frozen=True)
class SpeedStats:
    """Throughput of a translating system; the model load time is kept apart."""

    load_seconds: float
    translate_seconds: float
    sentences: int
    target_tokens: int

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.translate_seconds if self.translate_seconds > 0 else 0.0

    @property
    def target_tokens_per_second(self) -> float:
        return self.target_tokens / self.translate_seconds if self.translate_seconds > 0 else 0.0


@dataclass(frozen=True)
class SystemConfig:
    name: str
    model: str | None = None
    glossary: bool = False
    hypothesis_file: str | None = None
    options: Mapping[str, Any] | None = None
    signature: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class SystemResult:
    config: SystemConfig
    scores: Mapping[str, MetricScore]
    hypotheses: tuple[str, ...]
    terms: TermScores | None = None
    speed: SpeedStats | None = None
    manifest: Mapping[str, Any] | None = None
    glossary_digest: str | None = None
    significance: Mapping[str, Significance] | None = None
    flags: FlagStats | None = None


@dataclass(frozen=True)
class EvaluationReport:
    systems: tuple[SystemResult, ...]
    data: EvalData
    glossary_files: tuple[str, ...] = ()
    glossary_digest: str | None = None
    glossary_entries: int | None = None
    bootstrap_samples: int = 0
    seed: int | None = None
    created_at: str = ""
    git_commit: str | None = None
    project_version: str | None = None
    sacrebleu_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; any change to its shape bumps ``SCHEMA_VERSION``."""
        data = self.data
        glossary = None
        if self.glossary_digest is not None:
            glossary = {
                "files": list(self.glossary_files),
                "digest": self.glossary_digest,
                "entries": self.glossary_entries,
            }
        bootstrap = None
        if self.bootstrap_samples:
            bootstrap = {
                "samples": self.bootstrap_samples,
                "seed": self.seed,
                "baseline": self.systems[0].config.name,
            }
        return {
            "schema_version": SCHEMA_VERSION,
            "created_at": self.created_at,
            "project": {
                "version": self.project_version,
                "git_commit": self.git_commit,
                "sacrebleu_version": self.sacrebleu_version,
            },
            "testset": {
                "name": data.name,
                "source": None if data.source_path is None else str(data.source_path),
                "references": [str(p) for p in data.reference_paths],
                "lines": data.lines,
                "total_lines": data.total_lines,
                "limit": data.limit,
            },
            "glossary": glossary,
            "bootstrap": bootstrap,
            "systems": [_system_dict(s) for s in self.systems],
        }


def _system_dict(result: SystemResult) -> dict[str, Any]:
    terms, speed, sig = result.terms, result.speed, result.significance
    out: dict[str, Any] = {
        "name": result.config.name,
        "config": {
            "model": result.config.model,
            "glossary": result.config.glossary,
            "hypothesis_file": result.config.hypothesis_file,
            "options": result.config.options,
            "signature": result.config.signature,
        },
        "manifest": result.manifest,
        "glossary_digest": result.glossary_digest,
        "hypotheses": list(result.hypotheses),
        "scores": {
            name: {"score": s.score, "signature": s.signature, "detail": s.detail}
            for name, s in result.scores.items()
        },
        "terms": None,
        "speed": None,
        "significance": None,
        "flags": result.flags.to_dict() if result.flags is not None else None,
    }
    if terms is not None:
        out["terms"] = {
            "occurrences": terms.occurrences,
            "matched": terms.matched,
            "accuracy": terms.accuracy,
            "output_renderings": terms.output_renderings,
            "supported": terms.supported,
            "precision": terms.precision,
        }
    if speed is not None:
        out["speed"] = {
            "load_seconds": speed.load_seconds,
            "translate_seconds": speed.translate_seconds,
            "sentences": speed.sentences,
            "target_tokens": speed.target_tokens,
            "sentences_per_second": speed.sentences_per_second,
            "target_tokens_per_second": speed.target_tokens_per_second,
        }
    if sig is not None:
        out["significance"] = {
            name: {"mean": s.mean, "ci": s.ci, "p_value": s.p_value} for name, s in sig.items()
        }
    return out


def table_rows(report: EvaluationReport) -> list[list[str]]:
    """Header and one row per system, shared by the text table and the markdown table."""
    with_terms = any(s.terms is not None for s in report.systems)
    with_speed = any(s.speed is not None for s in report.systems)
    with_flags = any(s.flags is not None for s in report.systems)
    header = ["system", *METRIC_NAMES]
    if with_terms:
        header += ["term acc", "term prec"]
    if with_flags:
        header += ["flagged", "chrF flagged/not"]
    if with_speed:
        header += ["sent/s", "tok/s", "load s"]
    rows = [header]
    first = report.systems[0]
    for system in report.systems:
        row = [system.config.name]
        if system is not first and system.hypotheses == first.hypotheses:
            # sacrebleu's bootstrap gives identical outputs the smallest p-value it can;
            # say plainly that there is nothing to compare.
            row[0] += " (same output as baseline)"
        for name in METRIC_NAMES:
            cell = f"{system.scores[name].score:.1f}"
            sig = system.significance.get(name) if system.significance else None
            if sig is not None and sig.p_value is not None:
                cell += f" (p={sig.p_value:.4f})"
            row.append(cell)
        if with_terms:
            terms = system.terms
            if terms is None:
                row += ["-", "-"]
            else:
                row += [_percent(terms.accuracy), _percent(terms.precision)]
        if with_flags:
            flags = system.flags
            if flags is None:
                row += ["-", "-"]
            else:
                pair = "/".join(
                    "-" if v is None else f"{v:.1f}"
                    for v in (flags.chrf_flagged, flags.chrf_unflagged)
                )
                row += [_percent(flags.share), pair]
        if with_speed:
            speed = system.speed
            row += (
                ["-", "-", "-"]
                if speed is None
                else [
                    f"{speed.sentences_per_second:.1f}",
                    f"{speed.target_tokens_per_second:.0f}",
                    f"{speed.load_seconds:.2f}",
                ]
            )
        rows.append(row)
    return rows


def render_table(report: EvaluationReport) -> str:
    rows = table_rows(report)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    return "\n".join([*lines, "", *_notes(report)]) + "\n"


def render_markdown(report: EvaluationReport) -> str:
    rows = table_rows(report)
    head = "| " + " | ".join(rows[0]) + " |"
    rule = "|" + "|".join(["---"] + ["---:"] * (len(rows[0]) - 1)) + "|"
    body = ["| " + " | ".join(row) + " |" for row in rows[1:]]
    notes = [f"- {note}" for note in _notes(report)]
    return "\n".join(["## Evaluation", "", head, rule, *body, "", *notes]) + "\n"


def _notes(report: EvaluationReport) -> list[str]:
    data = report.data
    where = data.name or (str(data.reference_paths[0]) if data.reference_paths else "?")
    notes = [f"test set: {where}, {data.lines} of {data.total_lines} lines"]
    first = report.systems[0]
    notes += [f"{name}: {first.scores[name].signature}" for name in METRIC_NAMES]
    if report.bootstrap_samples:
        notes.append(
            f"p: paired bootstrap resampling against {first.config.name}, "
            f"{report.bootstrap_samples} samples, seed {report.seed}"
        )
    if report.glossary_digest:
        notes.append(f"glossary digest: {report.glossary_digest}")
    notes.append(f"commit: {report.git_commit or 'unknown'}")
    return notes


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def plain(value: Any) -> Any:
    """A JSON-ready copy of options/manifest objects (dataclasses, mappings, paths, enums)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain(dataclasses.asdict(value))
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def git_commit(root: Path | None = None) -> str | None:
    """The commit of the project checkout this code runs from; None outside a checkout."""
    root = root or Path(__file__).resolve().parent.parent
    if not (root / ".git").exists():
        return None
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and commit else None


def project_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("arabic-translate-cli")
    except PackageNotFoundError:
        return None


def write_json(report: EvaluationReport, path: Path) -> None:
    atomic_write_text(path, json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")


@contextlib.contextmanager
def environment_variable(name: str, value: str) -> Iterator[None]:
    """Set one environment variable while the block runs."""
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        del os.environ[name]
        if old is not None:
            os.environ[name] = old
