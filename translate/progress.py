"""Progress on a terminal or in a log, for the command line.

The library never prints: a download reports ``(done_bytes, total_bytes_or_None)`` through
a callback (:data:`translate.models.download.ProgressFn`), a batch run reports a
:class:`translate.files.run.BatchProgress`. This module renders those reports; only the
command line uses it.

* On a terminal: a live bar drawn by ``rich``, redrawn at most every ``redraw`` seconds
  and always when the work is finished.
* Elsewhere (logs, CI, a pipe): plain lines, never a carriage return; a download writes
  one per 10% (or per 100 MB when the size is unknown), a batch run one every
  ``plain_interval`` seconds.
* Nothing at all when quiet.

:class:`ProgressDisplay` is the one renderer. :class:`DownloadProgress` and
:class:`BatchProgressPrinter` turn each kind of report into status text and decide when a
plain line is worth writing.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from translate.files.run import BatchProgress

__all__ = [
    "BatchProgressPrinter",
    "DownloadProgress",
    "ProgressDisplay",
    "announcement",
    "batch_status",
    "clock",
    "text_bar",
]

MB = 1024**2


def text_bar(share: float, width: int) -> str:
    """``[####......]``: ``share`` (0 to 1) of ``width`` cells filled, for plain lines."""
    filled = min(width, max(0, int(share * width)))
    return f"[{'#' * filled}{'.' * (width - filled)}]"


def clock(seconds: float | None) -> str:
    """``MM:SS`` or ``H:MM:SS``; ``--:--`` when unknown."""
    if seconds is None:
        return "--:--"
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class ProgressDisplay:
    """One progress line on ``stream`` (standard error by default).

    On a terminal :meth:`draw` redraws a ``rich`` bar (started on the first draw, so a
    display that is never drawn leaves no trace); elsewhere it does nothing and callers
    write plain lines with :meth:`line`. ``tty`` overrides the terminal check; ``width``
    the terminal width (for tests).
    """

    def __init__(
        self,
        label: str = "",
        *,
        stream: TextIO | None = None,
        tty: bool | None = None,
        quiet: bool = False,
        redraw: float = 0.1,
        bar_width: int = 30,
        width: int | None = None,
    ) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.quiet = quiet
        self.redraw = redraw
        self.bar_width = bar_width
        self.width = width
        self._progress: Any = None  # a started rich.progress.Progress
        self._task: Any = None
        self._last_draw = float("-inf")

    def draw(self, done: float, total: float | None, status: str, *, final: bool = False) -> None:
        """Redraw the terminal bar: ``done`` of ``total`` (None: unknown), then ``status``.

        Draws at most every ``redraw`` seconds unless ``final``; off a terminal, or when
        quiet, does nothing.
        """
        if self.quiet or not self.tty:
            return
        now = time.monotonic()
        if not final and now - self._last_draw < self.redraw:
            return
        self._last_draw = now
        if self._progress is None:
            self._start(done, total, status)
        else:
            self._progress.update(self._task, completed=done, total=total, status=status)
            self._progress.refresh()

    def line(self, text: str) -> None:
        """Write one line of text (on a terminal, above the bar)."""
        if self.quiet:
            return
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False, soft_wrap=True)
            return
        self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        """Leave the last drawn bar on its own line; safe to call more than once."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> ProgressDisplay:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _start(self, done: float, total: float | None, status: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn

        console = Console(file=self.stream, force_terminal=True, highlight=False, width=self.width)
        columns = [
            *([TextColumn(self.label, markup=False)] if self.label else []),
            BarColumn(bar_width=self.bar_width, finished_style="green"),
            TextColumn("{task.fields[status]}", markup=False),
        ]
        self._progress = Progress(
            *columns,
            console=console,
            auto_refresh=False,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._task = self._progress.add_task(self.label, total=total, completed=done, status=status)
        self._progress.start()


class DownloadProgress:
    """A :data:`translate.models.download.ProgressFn` that shows a download.

    A bar with percentage, megabytes and speed on a terminal; otherwise a line at every
    10% (every 100 MB when the server does not say the size).
    """

    def __init__(
        self,
        label: str,
        *,
        stream: TextIO | None = None,
        tty: bool | None = None,
        quiet: bool = False,
        width: int | None = None,
    ) -> None:
        self.display = ProgressDisplay(label, stream=stream, tty=tty, quiet=quiet, width=width)
        self.label = label
        self.started = time.monotonic()
        self._last_step = -1

    def __call__(self, done: int, total: int | None) -> None:
        rate = done / max(time.monotonic() - self.started, 1e-6)
        if total:
            status = (
                f"{100 * done / total:5.1f}% {done / MB:.1f}/{total / MB:.1f} MB "
                f"{rate / MB:.1f} MB/s"
            )
        else:
            status = f"{done / MB:.1f} MB {rate / MB:.1f} MB/s"
        if self.display.tty:
            final = total is not None and done >= total
            self.display.draw(done, total or None, status, final=final)
            return
        step = done * 10 // total if total else done // (100 * MB)
        if step != self._last_step:
            self._last_step = step
            bar = f" {text_bar(done / total, 30)}" if total else ""
            self.display.line(f"{self.label}{bar} {status}")

    def close(self) -> None:
        self.display.close()


def batch_status(progress: BatchProgress) -> str:
    """``60/200 sentences (30%), 6.0/s, ETA 00:23, files 0/4``."""
    total = max(progress.sentences_total, 1)
    return (
        f"{progress.sentences_done}/{progress.sentences_total} sentences "
        f"({100 * progress.sentences_done / total:.0f}%), {progress.rate:.1f}/s, "
        f"ETA {clock(progress.eta)}, files {progress.files_done + progress.files_failed}"
        f"/{progress.files_total}"
    )


def announcement(progress: BatchProgress) -> str:
    """``60 files, 120 sentences to translate (0 already done); 1 unreadable: a.txt``:
    what the run can do, once every file is read."""
    unreadable = progress.unreadable
    text = (
        f"{progress.files_total - len(unreadable)} files, "
        f"{progress.sentences_total} sentences to translate "
        f"({progress.files_skipped} already done)"
    )
    if unreadable:
        names = ", ".join(str(path) for path in unreadable[:3])
        more = f" and {len(unreadable) - 3} more" if len(unreadable) > 3 else ""
        text += f"; {len(unreadable)} unreadable: {names}{more}"
    return text


class BatchProgressPrinter:
    """A :data:`translate.files.run.ProgressCallback` that shows a batch run.

    On a terminal a bar with :func:`batch_status`, redrawn every ``redraw`` seconds and
    when the last file is done. Otherwise a first line with what the run will do, then
    ``PROG: STATUS`` every ``plain_interval`` seconds until the run is finished (the
    caller prints the summary). Nothing when ``quiet``.
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        prog: str = "translate files",
        quiet: bool = False,
        tty: bool | None = None,
        redraw: float = 0.2,
        plain_interval: float = 10.0,
        width: int | None = None,
    ) -> None:
        self.display = ProgressDisplay(
            stream=stream, tty=tty, quiet=quiet, redraw=redraw, bar_width=24, width=width
        )
        self.prog = prog
        self.plain_interval = plain_interval
        self._last_line = float("-inf")
        self._announced = False

    def __call__(self, progress: BatchProgress) -> None:
        if self.display.quiet:
            return
        now = time.monotonic()
        finished = progress.files_done + progress.files_failed >= progress.files_total
        if not self._announced:
            # The totals are known once every file is read: say what the run will do.
            self._announced = True
            self._last_line = now
            if not self.display.tty:
                self.display.line(f"{self.prog}: {announcement(progress)}")
                return
        if self.display.tty:
            total = max(progress.sentences_total, 1)
            self.display.draw(
                progress.sentences_done, total, batch_status(progress), final=finished
            )
        elif not finished and now - self._last_line >= self.plain_interval:
            self._last_line = now
            self.display.line(f"{self.prog}: {batch_status(progress)}")

    def close(self) -> None:
        self.display.close()
