"""File bytes in and out, done one way everywhere.

* :func:`atomic_write_bytes` / :func:`atomic_write_text`: a file appears whole or not at
  all (a temporary file in the same folder, fsync'ed, then ``os.replace``; the temporary
  file is removed on any error).
* :func:`decode_utf8_strict`: strict UTF-8 decoding whose error names the line (and byte
  column) of the first bad byte, raised as the caller's error class.
* :func:`sha256_file`: the hex sha256 of a file, read in chunks.
* :func:`os_reason`: a short human reason for an :class:`OSError`.

These live together because they are the same concern (what goes to and comes from a
file's bytes) and each is a few lines; this module imports nothing of the package but
:mod:`translate.errors`, so every layer may use it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
from pathlib import Path

from translate.errors import InputError, TranslateError

__all__ = [
    "UTF8_MESSAGE",
    "atomic_write_bytes",
    "atomic_write_text",
    "decode_utf8_strict",
    "is_utf8",
    "line_of",
    "os_reason",
    "sha256_file",
    "temporary_original",
    "temporary_path",
]

TEMP_SUFFIX = ".tmp"


# --- atomic writes ------------------------------------------------------------------------


def temporary_path(path: Path, suffix: str = TEMP_SUFFIX) -> Path:
    """A fresh hidden name beside ``path``: ``.NAME.XXXXXXXX<suffix>``."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{suffix}")


def temporary_original(name: str, suffix: str = TEMP_SUFFIX) -> str | None:
    """The file name a :func:`temporary_path` name was made for, or None if it is not one."""
    if not (name.startswith(".") and name.endswith(suffix)):
        return None
    original = name[1 : -len(suffix)].rpartition(".")[0]
    return original or None


def atomic_write_bytes(path: Path, data: bytes, *, temp_suffix: str = TEMP_SUFFIX) -> None:
    """Write ``data`` to ``path`` whole or not at all.

    The bytes go to a temporary file in the same folder (so the rename cannot cross file
    systems), are fsync'ed, and the file is renamed over ``path``. On any error the
    temporary file is removed and ``path`` is untouched. The folder must exist. The new
    file's permissions are what a plain ``open(path, "w")`` would give (the umask decides).
    """
    path = Path(path)
    temp = temporary_path(path, temp_suffix)
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def atomic_write_text(path: Path, text: str, *, temp_suffix: str = TEMP_SUFFIX) -> None:
    """:func:`atomic_write_bytes` of ``text`` as UTF-8; line endings are written as given."""
    atomic_write_bytes(path, text.encode("utf-8"), temp_suffix=temp_suffix)


# --- strict UTF-8 -------------------------------------------------------------------------

UTF8_MESSAGE = (
    "{source}: line {line}: not valid UTF-8 (byte 0x{byte:02x} at byte column {column}); "
    "save it as UTF-8"
)
"""The default error message; fields: source, line, column (1-based, in bytes), offset
(0-based, in ``data``) and byte (the bad byte's value)."""


def line_of(data: bytes, offset: int, first_line: int = 1) -> int:
    """The line number of byte ``offset`` in ``data`` (lines end with ``\\n``)."""
    return first_line + data.count(b"\n", 0, offset)


def decode_utf8_strict(
    data: bytes,
    source: str,
    *,
    error: type[TranslateError] = InputError,
    message: str = UTF8_MESSAGE,
    first_line: int = 1,
) -> str:
    """``data`` decoded as strict UTF-8, or ``error`` naming where the first bad byte is.

    ``source`` names the input in the message (a path, ``stdin``, ``reference file X``);
    ``message`` is a :meth:`str.format` template over the fields listed in
    :data:`UTF8_MESSAGE`; ``first_line`` is the number of the line ``data`` starts on.
    A byte-order mark is left as it is (it is valid UTF-8); callers that do not want it
    strip it.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        text = message.format(
            source=source,
            line=line_of(data, offset, first_line),
            column=column,
            offset=offset,
            byte=data[offset],
        )
        raise error(text) from None


def is_utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# --- digests and OS errors ----------------------------------------------------------------


def sha256_file(path: Path, chunk_size: int = 1 << 20) -> str:
    """The lowercase hex sha256 of the file at ``path``."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()


def os_reason(exc: OSError) -> str:
    """A short human reason for an OS error, naming a full disk plainly."""
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.strerror:
        return exc.strerror
    return os.strerror(exc.errno) if exc.errno else str(exc)
