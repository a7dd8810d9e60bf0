"""The mutable state of one batch run (:mod:`translate.files.run`): each file's
translations as they come back, counts, failures, progress, the report and the flags.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from translate.engine.pipeline import LineResult
from translate.errors import TranslateError
from translate.files.flagging import FlagCollector
from translate.files.output import OutputWriter
from translate.files.plan import BatchPlan, FileJob, output_record
from translate.files.summary import BatchProgress, FileFailure

if TYPE_CHECKING:
    from translate.files.engine import Engine
    from translate.files.run import ProgressCallback

logger = logging.getLogger(__name__)


@dataclass
class FileState:
    job: FileJob
    document: Any = None  # a formats.Document while it is needed
    sentences: int = 0
    translations: list[str] = field(default_factory=list)
    results: list[LineResult | None] = field(default_factory=list)
    received: int = 0
    source_sha256: str = ""  # of the bytes read, for the output's record


class RunState:
    """The mutable state of one run: counts, failures, progress and the report."""

    def __init__(
        self,
        plan: BatchPlan,
        progress: ProgressCallback | None,
        report: IO[str] | None,
        settings: dict[str, object],
        signature: dict[str, Any],
        flags: IO[str] | None = None,
        consistent: bool = False,
    ) -> None:
        self.plan = plan
        self.flags = FlagCollector(flags)
        self.consistent = consistent
        self.settings = settings
        self.signature = signature
        self.progress_callback = progress
        self.report = report
        self.started = time.perf_counter()
        self.sentences_total = 0
        self.sentences_done = 0
        self.decoding = 0  # sentences decoded in the chunk whose results are not back yet
        self.queued = 0.0  # sentences (estimated) of the units handed to the engine so far
        self.shown = 0
        self.done: list[Path] = []
        self.failures: list[FileFailure] = []
        self.unreadable: list[Path] = []  # failed while being read, before the totals
        self.reading = True  # no progress until every file is read and the totals known
        self.problems: list[str] = []
        self.problems_of: dict[Path, list[str]] = {}
        self.writer: OutputWriter[FileJob] = OutputWriter()

    def fail(self, job: FileJob, exc: BaseException) -> None:
        reason = str(exc) if isinstance(exc, TranslateError) else f"{type(exc).__name__}: {exc}"
        prefix = f"{job.source}: "
        reason = reason[len(prefix) :] if reason.startswith(prefix) else reason
        logger.debug("%s failed", job.source, exc_info=exc)
        self.failures.append(FileFailure(job.source, reason))
        if self.reading:
            self.unreadable.append(job.source)
        self.emit(job.source)

    def finish(self, item: FileState) -> None:
        """Render a complete file and hand it to the writer."""
        try:
            data = item.document.render(item.translations)
        except Exception as exc:  # one file's failure must not stop the others
            self.fail(item.job, exc)
        else:
            self.problems_of[item.job.source] = list(item.document.problems)
            record = output_record(item.job, item.source_sha256, self.settings, self.signature)
            self.writer.submit(item.job, item.job.output, data, record)
        item.document = None
        item.translations = []
        self.collect()

    def collect(self, wait: bool = False) -> None:
        """Account for the files the writer has finished."""
        for job, error in self.writer.done(wait):
            if error is not None:
                self.fail(job, error)
            else:
                self.done.append(job.output)
                self.problems.extend(self.problems_of.pop(job.source, []))
                self.emit(job.source)

    def record(self, item: FileState, unit: int, result: LineResult) -> None:
        item.results[unit] = result
        item.received += 1
        self.sentences_done += result.sentences
        self.decoding = 0

    def complete(self, item: FileState, engine: Engine) -> None:
        """A file's every unit is back: make its names consistent (if asked), report,
        and hand it on to be rendered."""
        results = [r for r in item.results if r is not None]
        if self.consistent and len(results) == len(item.results):
            try:
                results = engine.make_consistent(item.document.units, results)
            except Exception as exc:  # one file's failure must not stop the others
                item.document, item.results, item.translations = None, [], []
                self.fail(item.job, exc)
                return
        for unit, result in enumerate(results):
            item.translations[unit] = result.text
            location = item.document.locations[unit]
            self.flags.record(item.job.source, location, result)
            if self.report is not None:
                for entry in result.report:
                    line = {"file": str(item.job.source), "location": location}
                    self.report.write(json.dumps({**line, **entry}, ensure_ascii=False) + "\n")
        item.results = []
        self.finish(item)

    def decoded(self, count: int) -> None:
        self.decoding += count
        self.emit(None)

    def emit(self, current: Path | None) -> None:
        if self.progress_callback is None or self.reading:
            return
        # Decoded sentences move the count within a chunk, but no further than the chunks
        # handed out (glossary placement decodes some sentences more than once), and not to
        # the total while files remain to be written (results come back before the writes
        # finish); never let it go back.
        estimate = min(self.sentences_done + self.decoding, int(self.queued))
        self.shown = max(self.shown, estimate, self.sentences_done)
        shown = self.shown
        if len(self.done) + len(self.failures) < len(self.plan.jobs):
            shown = min(shown, max(0, self.sentences_total - 1))
        self.progress_callback(
            BatchProgress(
                files_total=len(self.plan.jobs),
                files_done=len(self.done),
                files_failed=len(self.failures),
                files_skipped=len(self.plan.skipped),
                sentences_total=self.sentences_total,
                sentences_done=shown,
                elapsed=time.perf_counter() - self.started,
                current=current,
                unreadable=tuple(self.unreadable),
            )
        )
