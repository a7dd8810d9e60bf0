"""An installed model directory: check it is complete and read its manifest.

The layout is what :mod:`translate.models.install` writes: the CTranslate2 files (``model.bin``,
``config.json``, vocabularies), the SentencePiece model(s), and ``manifest.json`` with
the source, conversion details and the model's token conventions.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.errors import ModelNotFoundError

logger = logging.getLogger(__name__)

_SHARED_SPM_NAMES = ("sentencepiece.model", "sentencepiece.bpe.model", "spm.model")


@dataclass(frozen=True)
class ModelDirectory:
    path: Path
    name: str
    source_spm: Path
    target_spm: Path
    manifest: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def source_prefix(self) -> list[str]:
        return list(self.manifest.get("source_prefix") or [])

    @property
    def source_suffix(self) -> list[str]:
        return list(self.manifest.get("source_suffix") or [])

    @property
    def target_prefix(self) -> list[str]:
        return list(self.manifest.get("target_prefix") or [])

    @property
    def revision(self) -> str:
        """What identifies the exact weights: the archive checksum when known."""
        sha = self.manifest.get("archive_sha256") or self.manifest.get("revision")
        return str(sha)[:12] if sha else "unknown"


def _spm_files(path: Path) -> tuple[Path, Path] | None:
    """The source and target SentencePiece models of ``path`` (one shared file counts)."""
    source_spm, target_spm = path / "source.spm", path / "target.spm"
    if source_spm.is_file() and target_spm.is_file():
        return source_spm, target_spm
    shared = next((path / n for n in _SHARED_SPM_NAMES if (path / n).is_file()), None)
    return (shared, shared) if shared is not None else None


def missing_model_files(path: Path) -> list[str]:
    """What the model folder ``path`` lacks to load (empty when complete).

    This is the one definition of a complete model folder: the store, the resolver and
    the translator all use it. ``manifest.json`` is optional (a folder converted by hand
    follows OPUS-MT conventions); installs are staged in hidden folders, so a half-written
    install is never looked at.
    """
    missing = [f for f in ("model.bin", "config.json") if not (path / f).is_file()]
    if _spm_files(path) is None:
        missing.append("source.spm and target.spm (or one shared sentencepiece.model)")
    return missing


def is_complete(path: Path) -> bool:
    return path.is_dir() and not missing_model_files(path)


def open_model_directory(path: Path, name: str | None = None) -> ModelDirectory:
    """Check ``path`` holds a loadable model; list everything missing in one error."""
    if not path.is_dir():
        raise ModelNotFoundError(f"model directory {path} does not exist")
    missing = missing_model_files(path)
    if missing:
        raise ModelNotFoundError(
            f"model directory {path} is incomplete: missing {', '.join(missing)}; "
            "reinstall it with `translate models install`"
        )
    spm = _spm_files(path)
    assert spm is not None  # checked by missing_model_files
    source_spm, target_spm = spm
    manifest: dict[str, Any] = {}
    manifest_path = path / "manifest.json"
    if manifest_path.is_file():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelNotFoundError(f"{manifest_path} is unreadable: {exc}") from exc
    else:
        logger.debug("%s has no manifest.json; assuming OPUS-MT conventions", path)
    return ModelDirectory(
        path=path,
        name=name or str(manifest.get("name") or path.name),
        source_spm=source_spm,
        target_spm=target_spm,
        manifest=manifest,
    )
