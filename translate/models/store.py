"""Where installed models live, what is installed, and the per-model install lock.

An installed model is a complete model folder ``<models_dir>/<name>/`` (what complete
means is :func:`translate.models.directory.missing_model_files`). Folders whose
names start with a dot (``.tmp-*`` staging folders, ``.locks``, ``.downloads``) are
bookkeeping and never count as models, so an interrupted install can never be mistaken
for a complete one.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.errors import ModelInstallError, ModelNotFoundError
from translate.models.directory import is_complete, missing_model_files

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
APP_NAME = "arabic-translate"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$")


def default_models_dir() -> Path:
    """``$TRANSLATE_MODELS_DIR``, else the per-user data folder of the platform."""
    env = os.environ.get("TRANSLATE_MODELS_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME)) / "models"


def validate_name(name: str) -> str:
    """A model name that is safe as a single folder name, or ModelInstallError."""
    if not _NAME_RE.match(name) or name in {".", ".."}:
        raise ModelInstallError(
            f"invalid model name {name!r}: use letters, digits, '.', '_', '+' and '-' "
            "(starting with a letter or digit)"
        )
    return name


def is_installed(models_dir: Path, name: str) -> bool:
    """A complete model folder (:func:`translate.models.directory.is_complete`) is there."""
    return is_complete(models_dir / name)


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with (path / MANIFEST).open(encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelNotFoundError(f"cannot read {path / MANIFEST}: {exc}") from exc
    if not isinstance(data, dict):
        raise ModelNotFoundError(f"{path / MANIFEST} is not a JSON object")
    return data


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@dataclass(frozen=True)
class InstalledModel:
    """One model folder found in a models directory (or bundled with the package)."""

    name: str
    path: Path
    size_bytes: int
    quantization: str | None
    bundled: bool = False
    manifest: dict[str, Any] = field(default_factory=dict)


def describe(name: str, path: Path, *, bundled: bool = False) -> InstalledModel:
    manifest = read_manifest(path) if (path / MANIFEST).is_file() else {}
    quant = manifest.get("quantization")
    return InstalledModel(
        name=name,
        path=path,
        size_bytes=dir_size(path),
        quantization=quant if isinstance(quant, str) else None,
        bundled=bundled,
        manifest=manifest,
    )


def list_installed(models_dir: Path) -> list[InstalledModel]:
    """Complete models in ``models_dir``, sorted by name; incomplete folders are skipped."""
    if not models_dir.is_dir():
        return []
    found = []
    for child in sorted(models_dir.iterdir()):
        if child.name.startswith(".") or not child.is_dir():
            continue
        if missing_model_files(child):
            logger.warning("ignoring incomplete model folder %s", child)
            continue
        found.append(describe(child.name, child))
    return found


def remove_model(name: str, models_dir: Path) -> Path:
    """Delete an installed model; the folder disappears in one rename, then is deleted."""
    validate_name(name)
    path = models_dir / name
    if not path.is_dir():
        raise ModelNotFoundError(f"model {name!r} is not installed in {models_dir}")
    with model_lock(models_dir, name):
        if not path.is_dir():  # removed by someone else while we waited
            raise ModelNotFoundError(f"model {name!r} is not installed in {models_dir}")
        trash = models_dir / f".trash-{name}-{os.getpid()}-{time.monotonic_ns()}"
        os.replace(path, trash)
        shutil.rmtree(trash, ignore_errors=True)
    return path


def remove_stale_staging(models_dir: Path, name: str) -> None:
    """Delete leftovers of killed installs of ``name``; call only while holding its lock."""
    for prefix in (f".tmp-{name}-", f".trash-{name}-"):
        for stale in models_dir.glob(prefix + "*"):
            logger.info("removing leftover %s from an interrupted install", stale)
            shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def model_lock(models_dir: Path, name: str, timeout: float = 6 * 3600.0) -> Iterator[Path]:
    """Hold the exclusive install lock of one model name (``models_dir/.locks/NAME.lock``).

    The lock is an OS file lock (:mod:`filelock`), so it is released when its holder exits
    or dies. A second installer of the same name waits (up to ``timeout`` seconds, then
    fails cleanly) and afterwards finds the model already installed.
    """
    from filelock import FileLock, Timeout

    lock_dir = models_dir / ".locks"
    lock_dir.mkdir(parents=True, exist_ok=True)
    lock_path = lock_dir / f"{name}.lock"
    # The lock file stays after release: deleting it would race with a waiter that
    # already opened it.
    lock = FileLock(lock_path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        logger.info("waiting for another install of %s to finish", name)
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise ModelInstallError(
                f"another install of {name!r} is still running (lock {lock_path}); "
                "try again when it has finished"
            ) from None
    try:
        yield lock_path
    finally:
        lock.release()
