"""The model catalogue: ``models/catalogue.yaml`` loaded and validated.

Validation collects every problem of the file and reports them together, so a broken
catalogue is fixed in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.errors import ConfigError, ModelNotFoundError
from translate.fileio import decode_utf8_strict

FORMATS = ("opus-mt", "huggingface", "bundled")
_KEYS = {
    "name", "default", "description", "architecture", "format", "url", "hf_repo", "spm_file",
    "size_bytes", "approx_size_mb", "approx_installed_mb", "sha256", "license", "tokenizer",
    "source_prefix", "source_suffix", "target_prefix", "scores", "scores_source", "bundled",
    "path",
}  # fmt: skip
_REQUIRED = ("name", "description", "architecture", "format", "license")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$")


@dataclass(frozen=True)
class Score:
    """A published score; ``chrf`` on sacrebleu's 0–1 or 0–100 scale as published."""

    testset: str
    bleu: float | None = None
    chrf: float | None = None


@dataclass(frozen=True)
class CatalogueEntry:
    name: str
    description: str
    architecture: str
    format: str
    license: str
    default: bool = False
    url: str | None = None
    hf_repo: str | None = None
    spm_file: str | None = None
    size_bytes: int | None = None
    approx_size_mb: int | None = None
    approx_installed_mb: int | None = None
    sha256: str | None = None
    tokenizer: str | None = None
    source_prefix: tuple[str, ...] = ()
    source_suffix: tuple[str, ...] = ()
    target_prefix: tuple[str, ...] = ()
    scores: tuple[Score, ...] = ()
    scores_source: str | None = None
    bundled: bool = False
    path: str | None = None


@dataclass(frozen=True)
class Catalogue:
    entries: tuple[CatalogueEntry, ...]
    source: Path

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.entries]

    @property
    def default(self) -> CatalogueEntry:
        return next(e for e in self.entries if e.default)

    def find(self, name: str) -> CatalogueEntry | None:
        return next((e for e in self.entries if e.name == name), None)

    def get(self, name: str) -> CatalogueEntry:
        entry = self.find(name)
        if entry is None:
            raise ModelNotFoundError(
                f"unknown model {name!r}; the catalogue has: {', '.join(self.names)} "
                "(or give a path to a CTranslate2 model directory)"
            )
        return entry


def catalogue_path() -> Path:
    from translate.resources import models_resource_dir

    return models_resource_dir() / "catalogue.yaml"


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _entry_problems(index: int, raw: Any) -> list[str]:
    if not isinstance(raw, dict):
        return [f"models[{index}] is not a mapping"]
    label = f"models[{index}] ({raw.get('name', '?')})"
    problems = [f"{label}: unknown key {key!r}" for key in sorted(set(raw) - _KEYS)]
    problems += [f"{label}: missing {key!r}" for key in _REQUIRED if not raw.get(key)]
    name = raw.get("name")
    if isinstance(name, str) and not _NAME.match(name):
        problems.append(f"{label}: name must be letters, digits, '.', '_', '+', '-'")
    fmt = raw.get("format")
    if fmt is not None and fmt not in FORMATS:
        problems.append(f"{label}: format must be one of {', '.join(FORMATS)}")
    url = raw.get("url")
    if url is not None and not (isinstance(url, str) and url.startswith("https://")):
        problems.append(f"{label}: url must be an https:// address")
    if fmt == "opus-mt" and not url:
        problems.append(f"{label}: an opus-mt model needs a url")
    if fmt == "huggingface" and not (raw.get("hf_repo") and raw.get("spm_file")):
        problems.append(f"{label}: a huggingface model needs hf_repo and spm_file")
    if (fmt == "bundled") != bool(raw.get("bundled")) or (
        raw.get("bundled") and not raw.get("path")
    ):
        problems.append(f"{label}: a bundled model has format 'bundled', bundled: true and a path")
    sha = raw.get("sha256")
    if sha is not None and not (isinstance(sha, str) and _SHA256.match(sha)):
        problems.append(f"{label}: sha256 must be 64 lowercase hex digits (or null if unknown)")
    for key in ("size_bytes", "approx_size_mb", "approx_installed_mb"):
        value = raw.get(key)
        if value is not None and not (isinstance(value, int) and value > 0):
            problems.append(f"{label}: {key} must be a positive integer")
    for key in ("source_prefix", "source_suffix", "target_prefix"):
        if key in raw and not _str_list(raw[key]):
            problems.append(f"{label}: {key} must be a list of tokens")
    scores = raw.get("scores", [])
    if not isinstance(scores, list) or not all(
        isinstance(s, dict) and isinstance(s.get("testset"), str) for s in scores
    ):
        problems.append(f"{label}: scores must be a list of {{testset, bleu, chrf}}")
    return problems


def _entry(raw: dict[str, Any]) -> CatalogueEntry:
    values = {k: v for k, v in raw.items() if k not in {"scores"} and v is not None}
    for key in ("source_prefix", "source_suffix", "target_prefix"):
        values[key] = tuple(values.get(key, ()))
    scores = tuple(
        Score(testset=s["testset"], bleu=s.get("bleu"), chrf=s.get("chrf"))
        for s in raw.get("scores") or []
    )
    values["description"] = " ".join(str(raw["description"]).split())
    return CatalogueEntry(scores=scores, **values)


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and validate the catalogue; ConfigError lists every problem found."""
    import yaml

    path = path or catalogue_path()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"model catalogue {path} cannot be read: {exc}") from exc
    text = decode_utf8_strict(raw, f"model catalogue {path}", error=ConfigError)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"model catalogue {path} cannot be read: {exc}") from exc
    models = data.get("models") if isinstance(data, dict) else None
    if not isinstance(models, list) or not models:
        raise ConfigError(f"model catalogue {path} has no 'models' list")
    problems = [p for i, raw in enumerate(models) for p in _entry_problems(i, raw)]
    names = [raw.get("name") for raw in models if isinstance(raw, dict)]
    problems += [
        f"model name {n!r} appears more than once"
        for n in sorted({n for n in names if isinstance(n, str) and names.count(n) > 1})
    ]
    defaults = [raw for raw in models if isinstance(raw, dict) and raw.get("default")]
    if len(defaults) != 1:
        problems.append(f"exactly one model must have default: true (found {len(defaults)})")
    if problems:
        raise ConfigError(f"model catalogue {path} is invalid: " + "; ".join(problems))
    return Catalogue(entries=tuple(_entry(raw) for raw in models), source=path)
