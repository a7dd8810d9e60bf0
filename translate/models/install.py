"""Turn a downloaded model release into an installed CTranslate2 model folder.

Every install is staged in a hidden folder beside the target (``.tmp-<name>-*``) and
appears with a single rename once the converted model, its SentencePiece models and its
manifest are all written, so a failed or killed install never leaves something that
loads as a model. Installs of the same name are serialised by a per-model file lock.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translate.errors import CorruptArchiveError, ModelInstallError
from translate.fileio import os_reason, sha256_file
from translate.models.archive import ExtractLimits, safe_extract
from translate.models.catalogue import CatalogueEntry, load_catalogue
from translate.models.convert import (
    check_marian_release,
    convert_marian,
    convert_transformers,
    release_source_prefix,
)
from translate.models.download import ProgressFn, download
from translate.models.store import (
    MANIFEST,
    is_installed,
    model_lock,
    remove_stale_staging,
    validate_name,
)

if TYPE_CHECKING:
    from translate.models.resolve import ModelInfo

logger = logging.getLogger(__name__)

QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int16", "float16", "float32")


class ModelAlreadyInstalledError(ModelInstallError):
    """The model is already installed; ``path`` is where."""

    def __init__(self, name: str, path: Path) -> None:
        self.path = path
        super().__init__(
            f"model {name!r} is already installed at {path}; "
            f"remove it first (translate models remove {name}) or reinstall with --force"
        )


def check_quantization(quantization: str) -> str:
    if quantization not in QUANTIZATIONS:
        raise ModelInstallError(
            f"unknown quantization {quantization!r}; choose one of {', '.join(QUANTIZATIONS)}"
        )
    return quantization


def _ctranslate2_version() -> str:
    import ctranslate2

    return str(ctranslate2.__version__)


def base_manifest(
    name: str, architecture: str, converter: str, quantization: str
) -> dict[str, Any]:
    """The manifest fields every install writes; callers fill in the rest."""
    return {
        "name": name,
        "architecture": architecture,
        "source_url": None,
        "archive_sha256": None,
        "quantization": quantization,
        "converter": converter,
        "ctranslate2_version": _ctranslate2_version(),
        "installed_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "source_prefix": [],
        "source_suffix": [],
        "target_prefix": [],
    }


@contextmanager
def staged_install(models_dir: Path, name: str, *, force: bool = False) -> Iterator[Path]:
    """Yield an empty staging folder; on success it becomes ``models_dir/name`` atomically.

    Holds the model's lock throughout. Raises ModelAlreadyInstalledError (before yielding)
    when the model is installed and ``force`` is false. On any error the staging folder
    is deleted and the previous state is left untouched.
    """
    validate_name(name)
    models_dir.mkdir(parents=True, exist_ok=True)
    target = models_dir / name
    with model_lock(models_dir, name):
        if is_installed(models_dir, name) and not force:
            raise ModelAlreadyInstalledError(name, target)
        remove_stale_staging(models_dir, name)
        staging = Path(tempfile.mkdtemp(prefix=f".tmp-{name}-", dir=models_dir))
        try:
            model_dir = staging / "model"
            model_dir.mkdir()
            yield model_dir
            if not (model_dir / MANIFEST).is_file():
                raise ModelInstallError(f"internal error: install of {name!r} wrote no manifest")
            if target.exists():
                # Move the old folder aside first so the new one appears in one rename.
                os.replace(target, staging / "previous")
            os.replace(model_dir, target)
        except OSError as exc:
            raise ModelInstallError(f"installing {name!r} failed: {os_reason(exc)}") from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    logger.info("installed %s at %s", name, target)


def write_manifest(model_dir: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (model_dir / MANIFEST).write_text(text, encoding="utf-8", newline="\n")


def install_from_archive(
    archive: Path,
    name: str,
    models_dir: Path,
    quantization: str = "int8",
    *,
    source_url: str | None = None,
    expected_sha256: str | None = None,
    force: bool = False,
    limits: ExtractLimits | None = None,
    origin: str = "archive",
) -> Path:
    """Install an OPUS-MT / Marian release archive as ``models_dir/name``; return its path.

    ``origin`` is where the archive came from: ``"archive"`` (a file the user names),
    ``"catalogue"`` (the catalogue's own address) or ``"mirror"`` (an address the user
    gives). A user's archive under a catalogue name that is not that release (bundled
    names always; others when the catalogue's sha256 differs) is refused unless ``force``.
    The manifest's ``catalogue_release`` says whether the install is the catalogue's
    release, whose published scores then apply.

    Raises ModelAlreadyInstalledError when it is installed (unless ``force``), and
    ModelInstallError naming the cause for a wrong checksum, a catalogue name taken by
    another release, an unsafe, corrupt or truncated archive, a release that is
    incomplete, or a failed conversion.
    """
    archive = Path(archive)
    check_quantization(quantization)
    validate_name(name)
    if not archive.is_file():
        raise ModelInstallError(f"archive {archive} does not exist")
    digest = sha256_file(archive)
    if expected_sha256 and digest != expected_sha256.lower():
        raise CorruptArchiveError(
            f"checksum mismatch for {archive.name}: expected sha256 {expected_sha256}, got {digest}"
        )
    entry = load_catalogue().find(name)
    is_release = (
        entry is not None
        and not entry.bundled
        and (digest == entry.sha256 if entry.sha256 else origin == "catalogue")
    )
    if entry is not None and origin == "archive" and not is_release and not force:
        if entry.bundled or (entry.sha256 and digest != entry.sha256):
            kind = "a bundled model" if entry.bundled else "a catalogue model"
            raise ModelInstallError(
                f"{name!r} is {kind} and {archive.name} is not its release; "
                f"pick another --name (or --force to shadow it)"
            )
    with staged_install(models_dir, name, force=force) as model_dir:
        logger.info("unpacking %s", archive)
        unpacked = model_dir.parent / "unpacked"
        safe_extract(archive, unpacked, limits)
        release = check_marian_release(unpacked)
        logger.info(
            "converting %s with OpusMTConverter (%s)", release.model_file.name, quantization
        )
        converted = model_dir.parent / "converted"
        vocabulary = convert_marian(release, converted, quantization)
        source_prefix = release_source_prefix(release, vocabulary)
        for item in converted.iterdir():
            os.replace(item, model_dir / item.name)
        shutil.copyfile(release.source_spm, model_dir / "source.spm")
        shutil.copyfile(release.target_spm, model_dir / "target.spm")
        # The release README and LICENSE carry the attribution its licence asks for.
        for extra in ("README.md", "LICENSE"):
            if (release.root / extra).is_file():
                shutil.copyfile(release.root / extra, model_dir / f"release-{extra}")
        manifest = base_manifest(name, "marian-transformer", "OpusMTConverter", quantization)
        manifest.update(
            source_url=source_url or archive.resolve().as_uri(),
            archive_sha256=digest,
            source_prefix=source_prefix,
            catalogue_release=is_release,
        )
        write_manifest(model_dir, manifest)
    return models_dir / name


def install_from_huggingface(
    entry: CatalogueEntry, models_dir: Path, quantization: str = "int8", *, force: bool = False
) -> Path:
    """Convert a Hugging Face catalogue model (NLLB) with TransformersConverter."""
    check_quantization(quantization)
    if not entry.hf_repo or not entry.spm_file:
        raise ModelInstallError(f"catalogue entry {entry.name!r} names no Hugging Face model")
    with staged_install(models_dir, entry.name, force=force) as model_dir:
        converted = model_dir.parent / "converted"
        convert_transformers(entry.hf_repo, converted, quantization, entry.spm_file)
        for item in converted.iterdir():
            os.replace(item, model_dir / item.name)
        spm = model_dir / entry.spm_file
        if not spm.is_file():
            raise ModelInstallError(f"{entry.hf_repo} has no {entry.spm_file}")
        os.replace(spm, model_dir / "sentencepiece.model")
        manifest = base_manifest(
            entry.name, entry.architecture, "TransformersConverter", quantization
        )
        manifest.update(
            source_url=entry.url,
            source_prefix=list(entry.source_prefix),
            source_suffix=list(entry.source_suffix),
            target_prefix=list(entry.target_prefix),
            catalogue_release=True,
        )
        write_manifest(model_dir, manifest)
    return models_dir / entry.name


def _downloads_dir(models_dir: Path) -> Path:
    return models_dir / ".downloads"


def install_model(
    name: str,
    models_dir: Path,
    quantization: str = "int8",
    *,
    allow_http: bool = False,
    url: str | None = None,
    force: bool = False,
    progress: ProgressFn | None = None,
) -> Path:
    """Install a catalogue model by name: download (resumable), verify, unpack, convert.

    ``url`` replaces the catalogue's address (e.g. a mirror the user gives explicitly).
    """
    entry = load_catalogue().get(name)
    check_quantization(quantization)
    if entry.bundled:
        raise ModelInstallError(f"model {name!r} is bundled with the package; nothing to install")
    if is_installed(models_dir, name) and not force:
        raise ModelAlreadyInstalledError(name, models_dir / name)
    if entry.format == "huggingface":
        return install_from_huggingface(entry, models_dir, quantization, force=force)
    source = url or entry.url
    if source is None:
        raise ModelInstallError(f"catalogue entry {name!r} has no download address")
    archive = _downloads_dir(models_dir) / f"{name}.zip"
    # One downloader per model: a second installer waits here, then finds it installed.
    with model_lock(models_dir, f"{name}.download"):
        if is_installed(models_dir, name) and not force:
            raise ModelAlreadyInstalledError(name, models_dir / name)
        download(
            source,
            archive,
            expected_size=None if url else entry.size_bytes,
            expected_sha256=None if url else entry.sha256,
            allow_http=allow_http,
            progress=progress,
        )
        try:
            path = install_from_archive(
                archive, name, models_dir, quantization, source_url=source, force=force,
                origin="mirror" if url else "catalogue",
            )  # fmt: skip
        except CorruptArchiveError:
            archive.unlink(missing_ok=True)  # useless to resume from a bad file
            raise
        archive.unlink(missing_ok=True)
    return path


def model_info(name: str, models_dir: Path) -> ModelInfo:
    """Moved to :func:`translate.models.resolve.model_info` (``cli/models.py`` still imports
    it from here; the import inside the function keeps ``resolve`` → ``install`` one way)."""
    from translate.models.resolve import model_info as resolve_info

    return resolve_info(name, models_dir)
