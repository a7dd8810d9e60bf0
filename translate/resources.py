"""Where the files that ship with the project live: the model catalogue, bundled models
and the default glossary.

In a source checkout they are the top-level ``models/`` and ``glossaries/`` folders; an
installed wheel carries the same folders as ``translate.data.models`` and
``translate.data.glossaries``. Callers never need to know which.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent


def _resource_dir(package: str, checkout_name: str) -> Path:
    checkout = _CHECKOUT_ROOT / checkout_name
    if (_CHECKOUT_ROOT / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return checkout


def models_resource_dir() -> Path:
    """The folder holding ``catalogue.yaml`` and the bundled models."""
    return _resource_dir("translate.data.models", "models")


def glossaries_resource_dir() -> Path:
    """The folder holding the default glossary and its documentation."""
    return _resource_dir("translate.data.glossaries", "glossaries")
