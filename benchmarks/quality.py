"""Quality runs that track BLEU/chrF++/TER, term accuracy and speed over time.

Runs every entry of ``benchmarks/quality.yaml`` (test set, model, glossary on/off) through
``translate.evaluation.scoring`` and appends one JSON line per finished run to
``benchmarks/results/history.jsonl`` with the project version and git commit. Entries whose
model or test set is not available on this machine are skipped with a message on stderr.
``benchmarks/plot.py`` draws the history.

    python benchmarks/quality.py [--config benchmarks/quality.yaml] [--only NAME]... [--limit N]

Exit status: 0 when at least one run was recorded, 1 when every run was skipped, 2 for a
malformed config.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from translate.errors import ConfigError, TranslateError  # noqa: E402

HISTORY_VERSION = 1
_KEYS = {"name", "testset", "src", "ref", "model", "glossary", "use_glossary", "limit"}


@dataclass(frozen=True)
class Run:
    name: str
    model: str
    testset: str | None = None
    src: Path | None = None
    refs: tuple[Path, ...] = ()
    glossary: tuple[str, ...] = ()
    use_glossary: bool = False
    limit: int | None = None


def load_config(path: Path) -> list[Run]:
    """Read and check the run list; every problem is reported at once."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the config: {exc}") from None
    entries = data.get("runs") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: expected a mapping with a 'runs' list")
    runs, problems = [], []
    for index, entry in enumerate(entries, 1):
        where = f"{path}: run {index}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        unknown = sorted(set(entry) - _KEYS)
        if unknown:
            problems.append(f"{where}: unknown keys {', '.join(unknown)}")
        if not entry.get("model"):
            problems.append(f"{where}: 'model' is required")
        if bool(entry.get("testset")) == bool(entry.get("ref")):
            problems.append(f"{where}: give either 'testset' or 'src'/'ref'")
        if problems:
            continue
        refs = entry.get("ref") or []
        glossary = entry.get("glossary") or []
        glossary = [glossary] if isinstance(glossary, str) else list(glossary)
        runs.append(
            Run(
                name=str(entry.get("name") or entry["model"]),
                model=str(entry["model"]),
                testset=entry.get("testset"),
                src=_repo_path(entry["src"]) if entry.get("src") else None,
                refs=tuple(_repo_path(r) for r in ([refs] if isinstance(refs, str) else refs)),
                glossary=tuple(str(g) for g in glossary),
                use_glossary=bool(entry.get("use_glossary", bool(glossary))),
                limit=entry.get("limit"),
            )
        )
    if problems:
        raise ConfigError("\n".join(problems))
    return runs


def _repo_path(value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else REPO / path


def load_glossary(names: Sequence[str]) -> Any:
    if not names:
        return None
    import importlib

    load_glossaries = importlib.import_module("translate.glossary").load_glossaries
    files = [_repo_path(n) for n in names if n != "default"]
    return load_glossaries(files, include_default="default" in names)


def run_one(run: Run, models_dir: Path | None, limit: int | None) -> dict[str, Any]:
    from translate.evaluation.scoring import SystemSpec, evaluate_systems, translator_factory
    from translate.evaluation.testsets import fetch_testset, is_offline, load_eval_data

    src, refs = run.src, list(run.refs)
    if run.testset:
        files = fetch_testset(run.testset)
        src, refs = files.source, [files.reference]
    data = load_eval_data(refs, src, limit=limit or run.limit, name=run.testset)
    glossary = load_glossary(run.glossary)
    report = evaluate_systems(
        data,
        [SystemSpec(run.model, run.use_glossary and glossary is not None, label=run.name)],
        system_factory=translator_factory(models_dir=models_dir, offline=is_offline()),
        glossary=glossary,
        glossary_files=run.glossary,
        bootstrap=0,
    )
    full = report.to_dict()
    return {
        "history_version": HISTORY_VERSION,
        "run": run.name,
        "recorded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "project": full["project"],
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "testset": full["testset"],
        "glossary": full["glossary"],
        "system": full["systems"][0],
    }


def append_history(path: Path, record: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
    # One write of one line in append mode: a crash cannot leave half a record behind
    # in practice, and earlier records are never rewritten.
    with path.open("a", encoding="utf-8", newline="\n") as out:
        out.write(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=HERE / "quality.yaml")
    parser.add_argument("--history", type=Path, default=HERE / "results" / "history.jsonl")
    parser.add_argument("--only", action="append", default=[], help="run only this name")
    parser.add_argument("--limit", type=int, default=None, help="first N lines of each set")
    parser.add_argument("--models-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        runs = load_config(args.config)
    except ConfigError as exc:
        print(f"quality: {exc}", file=sys.stderr)
        return 2
    if args.only:
        runs = [r for r in runs if r.name in args.only]
    recorded = 0
    for run in runs:
        try:
            record = run_one(run, args.models_dir, args.limit)
        except (TranslateError, ImportError) as exc:
            print(f"quality: skipped {run.name}: {exc}", file=sys.stderr)
            continue
        append_history(args.history, record)
        recorded += 1
        scores = record["system"]["scores"]
        terms = record["system"]["terms"] or {}
        speed = record["system"]["speed"] or {}
        summary = [f"{name} {scores[name]['score']:.1f}" for name in ("BLEU", "chrF2++", "TER")]
        summary.append(f"term acc {terms.get('accuracy')}")
        summary.append(f"{speed.get('sentences_per_second', 0):.1f} sent/s")
        print(f"{run.name}: " + ", ".join(summary))
    print(f"quality: {recorded} of {len(runs)} runs recorded in {args.history}", file=sys.stderr)
    return 0 if recorded else 1


if __name__ == "__main__":
    sys.exit(main())
