"""Session fixtures shared by the whole test suite: the synthetic model and the data dir."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


def load_synthetic_builder() -> ModuleType:
    """benchmarks/ is not a package; load make_synthetic_model.py from its path."""
    name = "make_synthetic_model"
    if name in sys.modules:
        return sys.modules[name]
    path = REPO_ROOT / "benchmarks" / "make_synthetic_model.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    sys.modules[name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def synthetic_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny synthetic OPUS-MT release zip (random weights), built once per session."""
    out = tmp_path_factory.mktemp("synthetic") / "synthetic-tiny.zip"
    return Path(load_synthetic_builder().build_synthetic_archive("tiny", out, seed=0))


@pytest.fixture(scope="session")
def tiny_model_dir(synthetic_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny synthetic model installed (int8) through install_from_archive.

    Read-only for tests: copy it first if a test must change it.
    """
    from translate.models.install import install_from_archive

    models_dir = tmp_path_factory.mktemp("models")
    return install_from_archive(synthetic_archive, "synthetic-tiny", models_dir)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data relative to the repository root; skips the test when absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is not present")
    return SHARED_DATA
