"""The one atomic write, strict UTF-8 decoding, file sha256 and OS-error reason."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from translate.errors import EvaluationError, InputError
from translate.fileio import (
    atomic_write_bytes,
    atomic_write_text,
    decode_utf8_strict,
    is_utf8,
    line_of,
    os_reason,
    sha256_file,
    temporary_original,
    temporary_path,
)


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write_bytes(target, b"one")
    atomic_write_text(target, "سطر\r\nline\n")
    assert target.read_bytes() == "سطر\r\nline\n".encode()
    assert os.listdir(tmp_path) == ["out.txt"]


def test_atomic_write_leaves_nothing_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == ["out.txt"] and target.read_bytes() == b"old"


def test_atomic_write_leaves_nothing_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: object, dst: object) -> None:
        raise OSError(errno.EXDEV, "cross-device link")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        atomic_write_text(tmp_path / "out.txt", "text")
    assert os.listdir(tmp_path) == []


def test_atomic_write_lets_the_umask_decide_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "out.txt", "x")
    finally:
        os.umask(old)
    if os.name == "posix":
        assert (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o644


def test_temporary_names_lead_back_to_the_original(tmp_path: Path) -> None:
    temp = temporary_path(tmp_path / "a.en.txt", ".translate-tmp")
    assert temp.parent == tmp_path and temp.name.startswith(".a.en.txt.")
    assert temporary_original(temp.name, ".translate-tmp") == "a.en.txt"
    assert temporary_original("a.en.txt", ".translate-tmp") is None
    assert temporary_original(".x.translate-tmp", ".translate-tmp") is None


def test_decode_names_line_and_column() -> None:
    data = "سطر\n".encode() + b"ok \xff\n"
    with pytest.raises(InputError) as caught:
        decode_utf8_strict(data, "in.txt")
    assert str(caught.value) == (
        "in.txt: line 2: not valid UTF-8 (byte 0xff at byte column 4); save it as UTF-8"
    )


def test_decode_with_the_callers_error_message_and_first_line() -> None:
    with pytest.raises(EvaluationError, match=r"^stdin line 7 \(offset 1, byte 0xc3\)$"):
        decode_utf8_strict(
            b"a\xc3(",
            "stdin",
            error=EvaluationError,
            message="{source} line {line} (offset {offset}, byte 0x{byte:02x})",
            first_line=7,
        )


def test_decode_keeps_a_bom_and_valid_text() -> None:
    assert decode_utf8_strict("\ufeffنص".encode(), "x") == "\ufeffنص"
    assert is_utf8("نص".encode()) and not is_utf8(b"\xe1\xff")
    assert line_of(b"a\nb\nc", 4) == 3 and line_of(b"abc", 0, first_line=5) == 5


def test_sha256_file(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    data = os.urandom(3000)
    path.write_bytes(data)
    assert sha256_file(path, chunk_size=1000) == hashlib.sha256(data).hexdigest()


def test_os_reason() -> None:
    assert os_reason(OSError(errno.ENOSPC, "whatever")) == "no space left on the device"
    assert os_reason(OSError(errno.EACCES, "Permission denied")) == "Permission denied"
    assert os_reason(OSError(errno.ENOENT, None)) == os.strerror(errno.ENOENT)
    assert os_reason(OSError("plain")) == "plain"
