"""Reading UTF-8 lines from a byte stream in chunks of whatever has arrived.

A reader thread pulls lines as they come; the consumer takes the first waiting line
(blocking) and then everything else already waiting, up to a limit. A slow feed
(``tail -f``) thus gets each line translated as soon as it arrives, while a large file
fills whole batches.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import BinaryIO

from translate.errors import InputError

_EOF = object()


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
    try:
        return raw.decode("utf-8", errors="strict" if errors == "strict" else "replace")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"line {line_number} is not valid UTF-8 (byte {exc.start + 1}); "
            "convert the input to UTF-8, or pass --errors replace to translate it anyway"
        ) from None


def _read_into(stream: BinaryIO, sink: queue.Queue[object]) -> None:
    try:
        for raw in iter(stream.readline, b""):
            sink.put(raw)
    except BaseException as exc:  # surfaced in the consumer's thread
        sink.put(exc)
    finally:
        sink.put(_EOF)


def iter_available_chunks(
    stream: BinaryIO, *, errors: str = "strict", max_lines: int = 256, max_bytes: int = 1 << 20
) -> Iterator[list[str]]:
    """Yield lists of decoded lines, each as large as what is already available."""
    lines: queue.Queue[object] = queue.Queue(maxsize=max_lines * 4)
    reader = threading.Thread(target=_read_into, args=(stream, lines), daemon=True)
    reader.start()
    line_number = 0
    finished = False
    while not finished:
        item = lines.get()
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
            chunk.append(decode_line(item, line_number, errors))
            size += len(item)
            if len(chunk) >= max_lines or size >= max_bytes:
                break
            try:
                item = lines.get_nowait()
            except queue.Empty:
                break
        if chunk:
            yield chunk
