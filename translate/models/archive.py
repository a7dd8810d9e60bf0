"""Safe extraction of model archives (zip and tar).

A model archive comes from the network, so it is treated as hostile: every member must
be a plain file or directory whose normalised path stays inside the destination
(no absolute paths, drive letters or ``..`` components: "zip-slip"), links and device
files are refused, and the bytes actually written are bounded in total and relative to
the compressed size (zip bombs), whatever the archive's headers claim.
"""

from __future__ import annotations

import logging
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from translate.errors import CorruptArchiveError, ModelInstallError
from translate.fileio import os_reason

logger = logging.getLogger(__name__)

_CHUNK = 1 << 20


@dataclass(frozen=True)
class ExtractLimits:
    """Bounds on what one archive may unpack to.

    ``max_ratio`` applies to the archive as a whole (unpacked bytes / archive bytes) once
    more than ``ratio_floor`` bytes have been written, so small, highly compressible
    text files are fine while a bomb is stopped early.
    """

    max_total_bytes: int = 16 * 1024**3
    max_members: int = 10_000
    max_ratio: float = 200.0
    ratio_floor: int = 64 * 1024**2


def _check_member_name(name: str) -> PurePosixPath:
    """The member's relative path, or ModelInstallError if it could escape the folder."""
    if not name or "\x00" in name:
        raise ModelInstallError(f"unsafe archive member name {name!r}")
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        raise ModelInstallError(f"archive member {name!r} has an absolute path; refusing it")
    parts = [p for p in unified.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ModelInstallError(f"archive member {name!r} points outside the archive; refusing it")
    if not parts:
        raise ModelInstallError(f"unsafe archive member name {name!r}")
    return PurePosixPath(*parts)


class _Budget:
    """Counts bytes really written and stops at the limits."""

    def __init__(self, limits: ExtractLimits, archive_bytes: int) -> None:
        self.limits = limits
        self.archive_bytes = max(archive_bytes, 1)
        self.written = 0

    def add(self, n: int) -> None:
        self.written += n
        if self.written > self.limits.max_total_bytes:
            raise ModelInstallError(
                f"archive unpacks to more than {self.limits.max_total_bytes} bytes; refusing it"
            )
        if (
            self.written > self.limits.ratio_floor
            and self.written / self.archive_bytes > self.limits.max_ratio
        ):
            raise ModelInstallError(
                "archive expands more than "
                f"{self.limits.max_ratio:g} times its size (a zip bomb?); refusing it"
            )


def _copy(src: IO[bytes], target: Path, budget: _Budget, declared: int | None) -> None:
    written = 0
    with target.open("xb") as out:
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            if declared is not None and written > declared:
                raise ModelInstallError(
                    f"archive member {target.name} is larger than its header says; refusing it"
                )
            budget.add(len(chunk))
            out.write(chunk)


def _target(dest: Path, rel: PurePosixPath) -> Path:
    target = dest.joinpath(*rel.parts)
    resolved_dest = dest.resolve()
    if not target.resolve().is_relative_to(resolved_dest):
        raise ModelInstallError(f"archive member {rel} points outside the archive; refusing it")
    return target


def _zip_members(archive: zipfile.ZipFile) -> Iterator[tuple[zipfile.ZipInfo, PurePosixPath]]:
    for info in archive.infolist():
        rel = _check_member_name(info.filename)
        mode = info.external_attr >> 16
        kind = stat.S_IFMT(mode)
        if kind and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            what = "a symbolic link" if stat.S_ISLNK(mode) else "a special file"
            raise ModelInstallError(f"archive member {info.filename!r} is {what}; refusing it")
        yield info, rel


def _extract_zip(path: Path, dest: Path, limits: ExtractLimits) -> list[Path]:
    budget = _Budget(limits, path.stat().st_size)
    out: list[Path] = []
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise ModelInstallError(f"archive has more than {limits.max_members} members")
        declared_total = sum(i.file_size for i in infos)
        if declared_total > limits.max_total_bytes:
            raise ModelInstallError(
                f"archive would unpack to {declared_total} bytes, more than the limit of "
                f"{limits.max_total_bytes}; refusing it"
            )
        for info, rel in _zip_members(archive):
            target = _target(dest, rel)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src:
                _copy(src, target, budget, info.file_size)
            out.append(target)
    return out


def _extract_tar(path: Path, dest: Path, limits: ExtractLimits) -> list[Path]:
    budget = _Budget(limits, path.stat().st_size)
    out: list[Path] = []
    with tarfile.open(path, "r:*") as archive:
        count = 0
        for member in archive:
            count += 1
            if count > limits.max_members:
                raise ModelInstallError(f"archive has more than {limits.max_members} members")
            rel = _check_member_name(member.name)
            if member.issym() or member.islnk():
                raise ModelInstallError(f"archive member {member.name!r} is a link; refusing it")
            if not (member.isfile() or member.isdir()):
                raise ModelInstallError(
                    f"archive member {member.name!r} is a special file; refusing it"
                )
            target = _target(dest, rel)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            src = archive.extractfile(member)
            if src is None:
                raise ModelInstallError(f"archive member {member.name!r} cannot be read")
            with src:
                _copy(src, target, budget, member.size)
            out.append(target)
    return out


def safe_extract(archive: Path, dest: Path, limits: ExtractLimits | None = None) -> list[Path]:
    """Unpack ``archive`` (zip or tar, any compression) into the empty folder ``dest``.

    Returns the files written. Raises ModelInstallError naming the cause for an unsafe or
    oversized archive, CorruptArchiveError (a ModelInstallError) for a corrupt or
    truncated one; the caller removes ``dest`` on failure.
    """
    limits = limits or ExtractLimits()
    archive = Path(archive)
    dest.mkdir(parents=True, exist_ok=True)
    try:
        if zipfile.is_zipfile(archive):
            files = _extract_zip(archive, dest, limits)
        elif tarfile.is_tarfile(archive):
            files = _extract_tar(archive, dest, limits)
        else:
            raise CorruptArchiveError(
                f"{archive.name} is not a zip or tar archive (corrupt or truncated download?)"
            )
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error) as exc:
        raise CorruptArchiveError(f"archive {archive.name} is corrupt or truncated: {exc}") from exc
    except OSError as exc:
        raise ModelInstallError(f"cannot unpack {archive.name}: {os_reason(exc)}") from exc
    logger.debug("unpacked %d files from %s", len(files), archive)
    return files
