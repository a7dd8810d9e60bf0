"""Where the bundled toy models are, and the mark that skips a test without them."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

needs_toys = pytest.mark.skipif(
    not all((ROOT / "models" / m / "model.bin").is_file() for m in ("toy-news", "toy-translit")),
    reason="the toy models are not built",
)
