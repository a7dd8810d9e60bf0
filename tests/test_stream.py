import io
import os
import threading
import time

import pytest

from translate.cli.stream import decode_line, iter_available_chunks
from translate.errors import InputError


def test_chunks_cover_every_line_in_order() -> None:
    data = "".join(f"سطر {i}\n" for i in range(1000)).encode()
    chunks = list(iter_available_chunks(io.BytesIO(data), max_lines=64))
    lines = [line for chunk in chunks for line in chunk]
    assert lines == [f"سطر {i}" for i in range(1000)]
    assert max(len(c) for c in chunks) <= 64


def test_last_line_without_newline_and_crlf() -> None:
    chunks = list(iter_available_chunks(io.BytesIO(b"a\r\nb")))
    assert [line for c in chunks for line in c] == ["a", "b"]


def test_empty_input_gives_no_chunk() -> None:
    assert list(iter_available_chunks(io.BytesIO(b""))) == []


def test_a_slow_feed_is_not_waited_for() -> None:
    read_fd, write_fd = os.pipe()
    reader = os.fdopen(read_fd, "rb")
    writer = os.fdopen(write_fd, "wb")
    chunks = iter_available_chunks(reader)
    writer.write("أول\n".encode())
    writer.flush()
    got: list[list[str]] = []
    thread = threading.Thread(target=lambda: got.append(next(chunks)))
    thread.start()
    thread.join(timeout=10)
    # The first line arrives although the writer keeps the pipe open.
    assert got == [["أول"]]
    writer.close()
    assert list(chunks) == []
    reader.close()


def test_invalid_utf8_names_the_line() -> None:
    with pytest.raises(InputError, match="line 2 is not valid UTF-8"):
        list(iter_available_chunks(io.BytesIO(b"ok\n\xff\xfe bad\n")))


def test_replace_policy_uses_replacement_character() -> None:
    assert decode_line(b"a\xffb\n", 1, "replace") == "a\ufffdb"


def test_nul_bytes_are_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_line(b"\x00\x01\x02", 3)


def test_reader_does_not_run_ahead_unboundedly() -> None:
    class CountingStream(io.BytesIO):
        lines_read = 0

        def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
            CountingStream.lines_read += 1
            return b"x\n"

    stream = CountingStream()
    chunks = iter_available_chunks(stream, max_lines=8)
    next(chunks)
    time.sleep(0.2)
    assert CountingStream.lines_read < 8 * 4 + 16
