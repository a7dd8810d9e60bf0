"""Output files written whole or not at all, off the translating thread.

An output appears only by ``os.replace`` of a complete, fsync'ed temporary file in the
same folder, so an existing output always means a finished file: a run killed at any
moment leaves whole outputs and, at worst, hidden ``.NAME.XXXX.translate-tmp`` files,
which the next run removes. :class:`OutputWriter` does the writing (fsync and rename
are slow on many file systems) in a few background threads, so it overlaps with
decoding, which releases the GIL, and waits on several disks syncs at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections import defaultdict, deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Generic, TypeVar

from translate.errors import ConfigError
from translate.fileio import atomic_write_bytes, atomic_write_text, temporary_original

TEMP_SUFFIX = ".translate-tmp"
RECORD_SUFFIX = ".translate.json"

T = TypeVar("T")


def check_writable(out_dir: Path) -> None:
    """Fail now, before any work, when files cannot be created in ``out_dir``."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".write-probe-{secrets.token_hex(4)}{TEMP_SUFFIX}"
        probe.touch(exist_ok=False)
        probe.unlink()
    except OSError as exc:
        raise ConfigError(
            f"cannot write to the output folder {out_dir}: {exc.strerror or exc}"
        ) from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write one output whole or not at all, creating its folder (see translate.fileio)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, data, temp_suffix=TEMP_SUFFIX)


def record_path(output: Path) -> Path:
    """The hidden sidecar saying what produced ``output`` (hidden: never walked as input)."""
    return output.with_name(f".{output.name}{RECORD_SUFFIX}")


def read_record(output: Path) -> dict[str, object] | None:
    """The record of ``output``; None when it has none (or an unreadable one)."""
    try:
        data = json.loads(record_path(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_output(path: Path, data: bytes, record: str | None = None) -> None:
    """Write an output, then its record. The record comes second: a kill between the two
    leaves the new output beside the old record, which no longer matches, so the next run
    redoes it; the reverse order could vouch for a stale output."""
    write_atomic(path, data)
    if record is not None:
        atomic_write_text(record_path(path), record, temp_suffix=TEMP_SUFFIX)


def remove_stale_temporaries(outputs: Iterable[Path]) -> int:
    """Delete the temporary files a killed earlier run left beside these outputs."""
    names: dict[Path, set[str]] = defaultdict(set)
    for output in outputs:
        names[output.parent].update((output.name, record_path(output).name))
    removed = 0
    for folder, wanted in names.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # not created yet: nothing left there
        for entry in entries:
            if temporary_original(entry.name, TEMP_SUFFIX) in wanted:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


class OutputWriter(Generic[T]):
    """Writes outputs in the background; ``done()`` hands back finished ones in order.

    Each write carries a ``tag`` (the caller's record of the file); ``done`` returns
    ``(tag, None)`` for a written file and ``(tag, exception)`` for a failed one. At
    most ``backlog`` rendered files wait in memory.
    """

    def __init__(self, backlog: int = 64, workers: int = 4) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="translate-writer")
        self._pending: deque[tuple[T, Future[None]]] = deque()
        self.backlog = backlog

    def submit(self, tag: T, path: Path, data: bytes, record: str | None = None) -> None:
        self._pending.append((tag, self._pool.submit(write_output, path, data, record)))

    def done(self, wait: bool = False) -> list[tuple[T, BaseException | None]]:
        """Finished writes, oldest first; ``wait`` waits for all of them."""
        finished: list[tuple[T, BaseException | None]] = []
        while self._pending and (
            wait or self._pending[0][1].done() or len(self._pending) > self.backlog
        ):
            tag, future = self._pending.popleft()
            finished.append((tag, future.exception()))
        return finished

    def close(self) -> None:
        """Let writes in progress finish (each is whole or absent either way)."""
        self._pool.shutdown(wait=True)
