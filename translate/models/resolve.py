"""The one way a model name or path becomes a model folder.

Order: a path (anything that looks like one, or a folder holding ``model.bin``) → a model
installed in the models folder → a model bundled with the package → the catalogue
default, downloaded and installed on first use unless offline (``offline`` or
``TRANSLATE_OFFLINE=1``). Other catalogue models are installed explicitly with
``translate models install``. :func:`resolve_model` (the translator),
:func:`ensure_model` (a folder path) and :func:`model_info` (``translate models``) all use
:func:`find_local` / :func:`locate`, so they cannot disagree on where a model is.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from translate.errors import ModelInstallError, ModelNotFoundError
from translate.models.catalogue import CatalogueEntry, load_catalogue
from translate.models.directory import ModelDirectory, is_complete, open_model_directory
from translate.models.install import ModelAlreadyInstalledError, install_model
from translate.models.store import InstalledModel, default_models_dir, describe, is_installed

logger = logging.getLogger(__name__)

ProgressFn = Callable[[int, int | None], None]


def bundled_path(name: str, entry: CatalogueEntry | None = None) -> Path | None:
    """Where the package ships model ``name``, if it ships it complete."""
    from translate.resources import models_resource_dir

    entry = entry if entry is not None else load_catalogue().find(name)
    # The catalogue names the folder; a model copied in by its own name is found too.
    folder = entry.path if entry is not None and entry.bundled and entry.path else name
    path = models_resource_dir() / folder
    return path if is_complete(path) else None


def find_local(
    name: str, models_dir: Path, entry: CatalogueEntry | None = None
) -> tuple[Path, bool] | None:
    """``(folder, bundled)`` of an installed or bundled model ``name``; None if neither."""
    if is_installed(models_dir, name):
        return models_dir / name, False
    found = bundled_path(name, entry)
    return (found, True) if found is not None else None


def _offline_from_env() -> bool:
    return os.environ.get("TRANSLATE_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def _archive_hint(name: str) -> str:
    return f"translate models install --from-archive PATH.zip --name {name}"


def ensure_model(
    name: str,
    models_dir: Path,
    offline: bool = False,
    progress: ProgressFn | None = None,
    *,
    quantization: str = "int8",
) -> Path:
    """The folder of model ``name``, installing the catalogue default on first use."""
    catalogue = load_catalogue()
    entry = catalogue.find(name)
    found = find_local(name, models_dir, entry)
    if found is not None:
        return found[0]
    if entry is not None and entry.bundled:
        raise ModelNotFoundError(f"bundled model {name!r} is missing from the package")
    if entry is None:
        catalogue.get(name)  # raises ModelNotFoundError listing the known names
    if offline or _offline_from_env():
        raise ModelNotFoundError(
            f"model {name!r} is not installed in {models_dir} and offline mode is on; "
            f"install it from an archive: {_archive_hint(name)} (or try the tool without a "
            "download: -m toy-news)"
        )
    if entry is None or not entry.default:
        raise ModelNotFoundError(
            f"model {name!r} is not installed in {models_dir}; install it with "
            f"`translate models install {name}` or `{_archive_hint(name)}` (or try the tool "
            "without a download: -m toy-news)"
        )
    logger.warning("model %s is not installed; installing it into %s", name, models_dir)
    try:
        return install_model(name, models_dir, quantization, progress=progress)
    except ModelAlreadyInstalledError as exc:
        return exc.path  # a concurrent first use installed it meanwhile
    except ModelInstallError as exc:
        raise ModelNotFoundError(
            f"model {name!r} could not be installed ({exc}); on a machine without network "
            f"install it from an archive: {_archive_hint(name)}"
        ) from exc


def resolve_model(
    model: str | Path,
    models_dir: Path | None = None,
    *,
    offline: bool = False,
    progress: ProgressFn | None = None,
) -> ModelDirectory:
    """The opened model folder of ``model``, a path or a catalogue name (see the module)."""
    candidate = Path(model).expanduser()
    looks_like_path = isinstance(model, Path) or os.sep in str(model) or str(model).startswith(".")
    if looks_like_path or (candidate / "model.bin").is_file():
        return open_model_directory(candidate)
    name = str(model)
    root = models_dir or default_models_dir()
    installed = root / name
    if installed.is_dir():
        # An incomplete installed folder is reported as such, not silently replaced.
        return open_model_directory(installed, name)
    return open_model_directory(ensure_model(name, root, offline=offline, progress=progress), name)


@dataclass(frozen=True)
class ModelInfo:
    """What the catalogue and the models folder say about one model name."""

    name: str
    entry: CatalogueEntry | None
    installed: InstalledModel | None

    @property
    def is_catalogue_release(self) -> bool:
        """Whether the catalogue's published scores describe this model: nothing installed
        (they describe what would be), the bundled model, or an install whose manifest says
        it is the catalogue's release (an archive sha256 equal to the catalogue's, too)."""
        entry, installed = self.entry, self.installed
        if entry is None:
            return False
        if installed is None or installed.bundled:
            return True
        manifest = installed.manifest or {}
        digest = manifest.get("archive_sha256")
        if entry.sha256 and digest and digest != entry.sha256:
            return False
        if "catalogue_release" in manifest:
            return manifest["catalogue_release"] is True
        # Manifests written before the field: the catalogue's archive or address.
        if entry.sha256:
            return digest == entry.sha256
        return bool(entry.url) and manifest.get("source_url") == entry.url


def model_info(name: str, models_dir: Path) -> ModelInfo:
    """Catalogue entry and installed state of ``name``; ModelNotFoundError if neither."""
    catalogue = load_catalogue()
    entry = catalogue.find(name)
    found = find_local(name, models_dir, entry)
    installed = describe(name, found[0], bundled=found[1]) if found is not None else None
    if entry is None and installed is None:
        catalogue.get(name)
    return ModelInfo(name=name, entry=entry, installed=installed)
