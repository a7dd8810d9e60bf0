"""The layers of ARCHITECTURE.md, checked: imports go down the layers only, never in a
cycle, and no module grows past the size a reader can hold."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "translate"

# Lower numbers are lower layers; a module may import its own layer's package and any
# lower layer. Top-level modules are named by their file name.
LAYERS: dict[str, int] = {
    "errors": 0,
    "options": 1,
    "resources": 1,
    "fileio": 1,
    "progress": 1,
    "text": 2,
    "models": 2,
    "engine": 3,
    "glossary": 3,
    "enforce": 4,
    "translator": 5,
    "files": 6,
    "evaluation": 6,
    "suggestions": 6,
    "cli": 7,
    "__main__": 8,
    "__init__": 8,
}
MAX_LINES = 400


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "data" not in p.relative_to(PACKAGE).parts)


def layer_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imported_layers(path: Path) -> set[str]:
    """The first component under ``translate`` of every module this file imports,
    outside ``if TYPE_CHECKING:`` blocks (annotations only, never executed)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "translate" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down_the_layers(path: Path) -> None:
    own = layer_of(path)
    assert own in LAYERS, f"{own} is in no layer of ARCHITECTURE.md"
    for target in imported_layers(path) - {own}:
        assert target in LAYERS, f"{path.name} imports translate.{target}, in no layer"
        assert LAYERS[target] < LAYERS[own], f"{own} ({LAYERS[own]}) imports {target}"


def test_no_relative_imports_hide_the_layers() -> None:
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        relative = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]
        assert not relative, path


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_readable(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines"
