"""Translate many files with one loaded model: the job behind ``translate files``.

:func:`translate_files` plans the run (:mod:`translate.files.plan`), checks the output
folder can be written, and only then loads the model (an engine) and runs
:func:`run_batch`, which

* reads each file with :mod:`translate.files.formats`; a file that cannot be read or parsed
  is reported with its reason and the others go on;
* feeds the units of all files, in order, as chunks that mix files to the engine, so
  short files share batches and identical sentences are translated once;
* routes each result back to its file and, as soon as a file is complete, renders it
  and writes it atomically (temporary file in the same folder, then ``os.replace``):
  a killed run leaves finished files and no partial ones, and a rerun skips them
  unless the hidden record beside each (input sha256, settings, signature) is stale.

The engine is anything with the :class:`Engine` interface: :class:`LocalEngine`
(one :class:`~translate.translator.Translator` in this process) or
:class:`translate.files.ray_engine.RayEngine`. Chunk size is the engine's choice and only
changes speed: units never share state, and CTranslate2 decodes a sentence the same
whatever batch it is in, so both engines write the same bytes (the Ray tests compare).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from translate.errors import ConfigError, InputError
from translate.files.engine import Engine, EngineSpec, LocalEngine
from translate.files.output import (
    TEMP_SUFFIX,
    check_writable,
    remove_stale_temporaries,
    write_atomic,
)
from translate.files.plan import BatchPlan, FileJob, plan_batch, stale_jobs
from translate.files.state import FileState, RunState
from translate.files.summary import BatchProgress, BatchSummary, FileFailure

__all__ = [
    "TEMP_SUFFIX",
    "BatchPlan",
    "BatchProgress",
    "BatchSummary",
    "Engine",
    "EngineSpec",
    "FileFailure",
    "FileJob",
    "LocalEngine",
    "check_writable",
    "plan_batch",
    "run_batch",
    "translate_files",
    "write_atomic",
]

logger = logging.getLogger(__name__)

# Parsed documents are kept between counting and translating up to this many characters
# of units; beyond it they are read again, so memory stays bounded on huge folders.
KEEP_CHARACTERS = 50_000_000


ProgressCallback = Callable[[BatchProgress], None]


def translate_files(
    paths: Sequence[str | Path],
    out_dir: Path,
    make_engine: Callable[[], Engine],
    *,
    fmt: str | None = None,
    suffix: str = ".en",
    force: bool = False,
    format_options: dict[str, object] | None = None,
    chunk_units: int | None = None,
    progress: ProgressCallback | None = None,
    report: Path | None = None,
    signature: Mapping[str, Any] | None = None,
    flags: Path | None = None,
) -> BatchSummary:
    """Plan, check the output folder, then load the engine (only if there is work) and run.

    Finished outputs whose record says they are stale are redone. ``signature`` is the
    translation signature this run will have (:meth:`EngineSpec.signature`); without it
    the engine is loaded to learn it when a recorded output has to be checked.
    """
    plan = plan_batch(paths, out_dir, fmt=fmt, suffix=suffix, force=force)
    check_writable(plan.out_dir)
    engine: Engine | None = None

    def expected() -> Mapping[str, Any]:
        nonlocal engine
        if signature is not None:
            return signature
        if engine is None:
            engine = make_engine()
        return engine.signature()

    try:
        stale, fresh = stale_jobs(plan.skipped, dict(format_options or {}), expected)
        plan = replace(plan, jobs=plan.jobs + tuple(stale), skipped=tuple(fresh))
        if not plan.jobs:
            return BatchSummary(0, len(plan.skipped), 0, 0, 0.0, files_ignored=len(plan.ignored))
        if engine is None:
            engine = make_engine()
        summary = run_batch(
            plan,
            engine,
            format_options=format_options,
            chunk_units=chunk_units,
            progress=progress,
            report=report,
            flags=flags,
        )
        return replace(summary, files_redone=len(stale), files_ignored=len(plan.ignored))
    finally:
        if engine is not None:
            engine.close()


def run_batch(
    plan: BatchPlan,
    engine: Engine,
    *,
    format_options: dict[str, object] | None = None,
    chunk_units: int | None = None,
    progress: ProgressCallback | None = None,
    report: Path | None = None,
    flags: Path | None = None,
) -> BatchSummary:
    """Translate the files of ``plan`` with ``engine``; see the module docstring."""
    chunk_units = chunk_units or engine.chunk_units
    if chunk_units < 1:
        raise ConfigError(f"chunk size must be positive, not {chunk_units}")
    options = dict(format_options or {})
    remove_stale_temporaries(job.output for job in plan.jobs)
    report_stream = report.open("w", encoding="utf-8", newline="\n") if report else None
    flags_stream = flags.open("w", encoding="utf-8", newline="\n") if flags else None
    consistent = bool(engine.options.consistent_names)
    run = RunState(
        plan, progress, report_stream, options, engine.signature(), flags_stream, consistent
    )
    try:
        files = _read_all(plan.jobs, engine, options, run)
        run.reading = False
        run.emit(None)
        engine.watch_decoding(run.decoded)
        owners: deque[tuple[FileState, int]] = deque()
        for result in engine.translate_chunks(_chunks(files, options, owners, chunk_units, run)):
            item, unit = owners.popleft()
            run.record(item, unit, result)
            if item.received == len(item.translations):
                run.complete(item, engine)
            else:
                run.emit(item.job.source)
        if owners:
            raise RuntimeError(f"the engine returned {len(owners)} results too few")
        run.collect(wait=True)
    finally:
        engine.watch_decoding(None)
        run.writer.close()
        for stream in (report_stream, flags_stream):
            if stream is not None:
                stream.close()
    return BatchSummary(
        files_done=len(run.done),
        files_skipped=len(plan.skipped),
        files_failed=len(run.failures),
        sentences=run.sentences_done,
        seconds=time.perf_counter() - run.started,
        load_seconds=engine.load_seconds,
        decoded_sentences=engine.decoded_sentences(),
        failures=tuple(run.failures),
        problems=tuple(run.problems),
        outputs=tuple(run.done),
        signature=engine.signature(),
        flagged=run.flags.summary(),
    )


def _read(item: FileState, options: dict[str, object]) -> Any:
    """Parse ``item``'s file, noting the sha256 of exactly the bytes parsed."""
    from translate.files.formats import parse_document

    source = item.job.source
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    item.source_sha256 = hashlib.sha256(data).hexdigest()
    return parse_document(data, source, item.job.fmt, **options)


def _read_all(
    jobs: Sequence[FileJob], engine: Engine, options: dict[str, object], run: RunState
) -> list[FileState]:
    """Parse every file once to count its sentences (the progress total); keep what fits."""
    files: list[FileState] = []
    kept = 0
    group: list[tuple[FileState, list[str]]] = []

    def count() -> None:
        totals = engine.count_sentences([units for _, units in group])
        for (item, _), total in zip(group, totals):
            item.sentences = total
            run.sentences_total += total
        group.clear()

    for job in jobs:
        item = FileState(job)
        try:
            item.document = _read(item, options)
        except Exception as exc:  # reported per file: the others go on
            run.fail(job, exc)
            continue
        document = item.document
        if not document.units:
            run.finish(item)  # nothing to translate: written as it is
            continue
        files.append(item)
        group.append((item, document.units))
        if len(group) == 64:
            count()
        kept += sum(len(unit) for unit in document.units)
        if kept > KEEP_CHARACTERS:
            item.document = None
    if group:
        count()
    return files


def _chunks(
    files: list[FileState],
    options: dict[str, object],
    owners: deque[tuple[FileState, int]],
    chunk_units: int,
    run: RunState,
) -> Iterator[list[str]]:
    """Units of all files in order, at most ``chunk_units`` at a time; ``owners`` says whose.

    A chunk also ends where a file ends once it holds an eighth of ``chunk_units``: the
    engine hands back a chunk's results only when the whole chunk is decoded, so this is
    what lets files be written (and a killed run keep them) as the run goes, at the cost
    of somewhat smaller batches. Output never depends on where chunks end.
    """
    boundary = max(1, chunk_units // 8)
    chunk: list[str] = []
    for item in files:
        if item.document is None:
            try:
                item.document = _read(item, options)
            except Exception as exc:
                run.fail(item.job, exc)
                continue
        item.translations = [""] * len(item.document.units)
        item.results = [None] * len(item.document.units)
        if not item.translations:
            run.finish(item)
            continue
        per_unit = item.sentences / len(item.translations)
        for unit, text in enumerate(item.document.units):
            chunk.append(text)
            owners.append((item, unit))
            run.queued += per_unit
            if len(chunk) >= chunk_units:
                yield chunk
                chunk = []
        if len(chunk) >= boundary:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
