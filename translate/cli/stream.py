"""Reading UTF-8 lines from a byte stream in chunks of whatever has arrived.

A reader thread pulls lines as they come; the consumer takes the first waiting line
(blocking) and then everything else already waiting, up to a limit. A slow feed
(``tail -f``) thus gets each line translated as soon as it arrives, while a large file
fills whole batches.

The thread reads the stream's file descriptor with ``os.read`` (never through the
buffered ``sys.stdin.buffer``, whose lock a thread stuck in ``readline`` would hold
while the interpreter shuts down) and waits for data with ``select`` in short steps, so
it stops soon after it is told to, or after the main thread has finished. It is an
ordinary (non-daemon) thread: the program ends normally whatever the reader is doing.
"""

from __future__ import annotations

import os
import queue
import select
import threading
from collections.abc import Iterator
from typing import BinaryIO

from translate.errors import InputError
from translate.fileio import decode_utf8_strict

__all__ = ["ChunkReader", "decode_line", "iter_available_chunks"]

_EOF = object()
_STEP = 0.1  # seconds between looks at the stop signal while waiting
_READ_SIZE = 1 << 16
# select() works on pipes and terminals everywhere but Windows; there the reader
# blocks in os.read and is a daemon thread instead.
_CAN_POLL = os.name != "nt"
_NOT_UTF8 = (
    "line {line} is not valid UTF-8 (byte {column}); "
    "convert the input to UTF-8, or pass --errors replace to translate it anyway"
)


def decode_line(raw: bytes, line_number: int, errors: str = "strict") -> str:
    """One input line as text, without its line ending."""
    if b"\x00" in raw:
        raise InputError(
            f"line {line_number} contains NUL bytes: the input looks binary, not UTF-8 text"
        )
    if raw.endswith(b"\n"):
        raw = raw[:-1]
        if raw.endswith(b"\r"):
            raw = raw[:-1]
    if errors != "strict":
        return raw.decode("utf-8", errors="replace")
    # ``raw`` is one line, so the byte column is the byte's place in the line.
    return decode_utf8_strict(raw, "", first_line=line_number, message=_NOT_UTF8)


def _file_descriptor(stream: BinaryIO) -> int | None:
    try:
        return stream.fileno()
    except (OSError, ValueError, AttributeError):  # io.BytesIO and friends have none
        return None


class ChunkReader:
    """Lines of ``stream`` in chunks of what has arrived; a context manager that stops
    its reader thread on exit (iterating to the end stops it too)."""

    def __init__(
        self,
        stream: BinaryIO,
        *,
        errors: str = "strict",
        max_lines: int = 256,
        max_bytes: int = 1 << 20,
    ) -> None:
        self.errors = errors
        self.max_lines = max_lines
        self.max_bytes = max_bytes
        self._queue: queue.Queue[object] = queue.Queue(maxsize=max_lines * 4)
        self._stop = threading.Event()
        self._stream = stream
        self._thread = threading.Thread(
            target=self._read, name="translate-stdin", daemon=not _CAN_POLL
        )
        self._thread.start()

    def __enter__(self) -> ChunkReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Tell the reader thread to stop and wait (briefly) until it has."""
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=2 * _STEP + 1.0)

    # --- the reader thread ----------------------------------------------------------

    def _stopping(self) -> bool:
        return self._stop.is_set() or not threading.main_thread().is_alive()

    def _put(self, item: object) -> bool:
        while not self._stopping():
            try:
                self._queue.put(item, timeout=_STEP)
                return True
            except queue.Full:
                continue
        return False

    def _read(self) -> None:
        try:
            for raw in self._lines():
                if not self._put(raw):
                    return
        except BaseException as exc:  # surfaced in the consumer's thread
            self._put(exc)
        self._put(_EOF)

    def _lines(self) -> Iterator[bytes]:
        fd = _file_descriptor(self._stream)
        if fd is None:
            yield from iter(self._stream.readline, b"")  # in memory: never blocks
            return
        partial: list[bytes] = []
        while True:
            if self._stopping():
                return
            if _CAN_POLL and not select.select([fd], [], [], _STEP)[0]:
                continue
            data = os.read(fd, _READ_SIZE)
            if not data:
                break
            start = 0
            while (end := data.find(b"\n", start)) >= 0:
                partial.append(data[start : end + 1])
                yield b"".join(partial)
                partial = []
                start = end + 1
            if start < len(data):
                partial.append(data[start:])
        if partial:
            yield b"".join(partial)  # the last line, without a line ending

    # --- the consumer ---------------------------------------------------------------

    def __iter__(self) -> Iterator[list[str]]:
        line_number = 0
        finished = False
        while not finished:
            item = self._queue.get()
            chunk: list[str] = []
            size = 0
            while True:
                if item is _EOF:
                    finished = True
                    break
                if isinstance(item, BaseException):
                    raise item
                assert isinstance(item, bytes)
                line_number += 1
                chunk.append(decode_line(item, line_number, self.errors))
                size += len(item)
                if len(chunk) >= self.max_lines or size >= self.max_bytes:
                    break
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            if chunk:
                yield chunk


def iter_available_chunks(
    stream: BinaryIO, *, errors: str = "strict", max_lines: int = 256, max_bytes: int = 1 << 20
) -> Iterator[list[str]]:
    """Yield lists of decoded lines, each as large as what is already available; the
    reader thread stops when the generator ends or is closed."""
    with ChunkReader(stream, errors=errors, max_lines=max_lines, max_bytes=max_bytes) as reader:
        yield from reader
