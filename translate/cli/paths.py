"""The files a command reads and writes, checked before any model loads.

A missing input, a folder given as a file, an output folder that does not exist or
cannot be written, and an output that is one of the inputs (same file, whatever the
spelling: relative paths, symbolic links, hard links) are one-line errors, raised as
:class:`~translate.errors.ConfigError` before the slow part of a run starts.
:func:`atomic_output` writes an output whole or not at all.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from translate.errors import ConfigError
from translate.fileio import temporary_path

__all__ = ["STDIN", "atomic_output", "check_input", "check_output", "refuse_overwriting_inputs"]

STDIN = "-"


def is_stdin(path: Path) -> bool:
    return str(path) == STDIN


def check_input(path: Path) -> None:
    """``path`` can be read as one input file (``-`` is stdin)."""
    if is_stdin(path):
        return
    if path.is_dir():
        raise ConfigError(
            f"cannot read {path}: it is a folder (translate files {path} --out-dir DIR "
            "translates folders)"
        )
    if not path.exists():
        raise ConfigError(f"cannot read {path}: no such file")
    if not os.access(path, os.R_OK):
        raise ConfigError(f"cannot read {path}: permission denied")


def check_output(path: Path, option: str) -> None:
    """A file can be created (or replaced) at ``path``, given with ``option``."""
    if path.is_dir():
        raise ConfigError(f"cannot write {option} {path}: it is a folder")
    folder = path.parent
    if not folder.exists():
        raise ConfigError(f"cannot write {option} {path}: folder {folder} does not exist")
    if not folder.is_dir():
        raise ConfigError(f"cannot write {option} {path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"cannot write {option} {path}: no permission to write in {folder}")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = sys.stdin.fileno() if is_stdin(path) else None
        status = os.fstat(found) if found is not None else path.stat()
    except (OSError, ValueError, AttributeError):
        return None
    return status.st_dev, status.st_ino


def refuse_overwriting_inputs(inputs: Sequence[Path], outputs: Sequence[tuple[str, Path]]) -> None:
    """Refuse outputs (``(option, path)``) that are an input or each other."""
    seen: dict[tuple[int, int], str] = {}
    for path in inputs:
        identity = _identity(path)
        if identity is not None:
            seen.setdefault(identity, "stdin" if is_stdin(path) else f"the input {path}")
    for option, path in outputs:
        identity = _identity(path)
        if identity is None:
            continue
        if identity in seen:
            raise ConfigError(
                f"{option} {path} is {seen[identity]}: writing it would destroy what is "
                "being read; choose another file"
            )
        seen[identity] = f"the {option} file"


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace ``path`` when the block ends without error.

    They go to a temporary file in the same folder, renamed over ``path`` at the end;
    after an error (or Ctrl-C) the temporary file is removed and ``path`` is as it was.
    A path that is not a regular file (``/dev/stdout``, a named pipe) is written as is.
    """
    if path.exists() and not path.is_file():
        with path.open("wb") as stream:
            yield stream
        return
    temp = temporary_path(path)
    stream = temp.open("xb")
    try:
        yield stream
        stream.flush()
        os.fsync(stream.fileno())
        stream.close()
        os.replace(temp, path)
    except BaseException:
        stream.close()
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
