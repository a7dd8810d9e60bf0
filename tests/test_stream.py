import io
import os
import threading
import time

import pytest

from translate.cli.stream import ChunkReader, decode_line, iter_available_chunks
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


def test_the_reader_thread_is_no_daemon_and_stops_when_closed() -> None:
    read_fd, write_fd = os.pipe()
    with os.fdopen(read_fd, "rb") as source, os.fdopen(write_fd, "wb") as writer:
        writer.write(b"one\n")
        writer.flush()
        reader = ChunkReader(source)
        assert next(iter(reader)) == ["one"]
        threads = [t for t in threading.enumerate() if t.name == "translate-stdin"]
        assert threads and not any(t.daemon for t in threads)
        reader.close()  # while the writer keeps the pipe open
        assert not any(t.is_alive() for t in threads)


def test_lines_split_across_reads_and_a_last_line_without_newline() -> None:
    read_fd, write_fd = os.pipe()

    def write() -> None:  # more than a pipe holds: written while the reader reads
        with os.fdopen(write_fd, "wb") as writer:
            writer.write("سطر طويل".encode() * 20000 + b"\nb\nlast")

    writer = threading.Thread(target=write)
    writer.start()
    with os.fdopen(read_fd, "rb") as source:
        lines = [line for chunk in iter_available_chunks(source) for line in chunk]
    writer.join()
    assert lines == ["سطر طويل" * 20000, "b", "last"]
