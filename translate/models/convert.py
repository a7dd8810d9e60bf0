"""Model conversion with ctranslate2's own converters, and the checks before it.

Marian / OPUS-MT release archives go through ``OpusMTConverter``; Hugging Face models
(NLLB) through ``TransformersConverter``, which needs the optional ``convert`` extra.
The token conventions a model needs (a ``>>eng<<`` target token, NLLB language codes)
are read from the release's own files or the catalogue, never guessed.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from translate.errors import ModelInstallError
from translate.fileio import decode_utf8_strict, os_reason

logger = logging.getLogger(__name__)

TARGET_LANGUAGE = "eng"
CONVERT_EXTRA_HINT = "pip install 'arabic-translate-cli[convert]'"


@dataclass(frozen=True)
class MarianRelease:
    """The parts of an unpacked OPUS-MT / Marian release that an install needs."""

    root: Path
    model_file: Path
    vocab_files: tuple[Path, ...]
    source_spm: Path
    target_spm: Path


def find_release_root(unpacked: Path) -> Path:
    """The folder holding ``decoder.yml``: the archive root or its single top folder."""
    if (unpacked / "decoder.yml").is_file():
        return unpacked
    entries = [p for p in unpacked.iterdir() if not p.name.startswith("__MACOSX")]
    if len(entries) == 1 and entries[0].is_dir() and (entries[0] / "decoder.yml").is_file():
        return entries[0]
    raise ModelInstallError("archive is not a Marian (OPUS-MT) release: decoder.yml is missing")


def check_marian_release(unpacked: Path) -> MarianRelease:
    """Validate the release layout; the error lists every missing piece at once."""
    import yaml

    root = find_release_root(unpacked)
    text = decode_utf8_strict(
        (root / "decoder.yml").read_bytes(), "decoder.yml of the release", error=ModelInstallError
    )
    try:
        decoder = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ModelInstallError(f"decoder.yml of the release cannot be read: {exc}") from exc
    problems: list[str] = []
    models = decoder.get("models") if isinstance(decoder, dict) else None
    vocabs = decoder.get("vocabs") if isinstance(decoder, dict) else None
    if not (isinstance(models, list) and models and all(isinstance(m, str) for m in models)):
        problems.append("decoder.yml lists no 'models'")
        models = []
    if not (
        isinstance(vocabs, list) and len(vocabs) >= 2 and all(isinstance(v, str) for v in vocabs)
    ):
        problems.append("decoder.yml lists no source and target 'vocabs'")
        vocabs = []
    referenced = [*models[:1], *dict.fromkeys(vocabs)]
    problems += [f"{ref} (named in decoder.yml)" for ref in referenced if not _inside(root, ref)]
    problems += [spm for spm in ("source.spm", "target.spm") if not (root / spm).is_file()]
    if problems:
        raise ModelInstallError(
            "archive is not a complete Marian (OPUS-MT) release; missing: " + "; ".join(problems)
        )
    return MarianRelease(
        root=root,
        model_file=root / models[0],
        vocab_files=tuple(root / v for v in vocabs),
        source_spm=root / "source.spm",
        target_spm=root / "target.spm",
    )


def _inside(root: Path, relative: str) -> bool:
    path = (root / relative).resolve()
    return path.is_relative_to(root.resolve()) and path.is_file()


_TOKEN_REQUIRED = re.compile(r"language token is required|>>id<<", re.IGNORECASE)
_TOKEN_IN_SCRIPT = re.compile(r">>\$\{?\w+\}?<<|s/\^/>>")
_TARGETS_LINE = re.compile(r"target language\(s\):\s*(.+)", re.IGNORECASE)


def release_source_prefix(release: MarianRelease, vocabulary: list[str]) -> list[str]:
    """Tokens to put before every source sentence, read from the release's own files.

    Multi-target OPUS-MT models say in their README ("a sentence initial language token is
    required in the form of >>id<<") and in preprocess.sh (``sed "s/^/>>$2<< /"``) that a
    ``>>xxx<<`` token selects the target language; single-target models need nothing.
    """
    readme = _read_text(release.root / "README.md")
    script = _read_text(release.root / "preprocess.sh")
    if not (_TOKEN_REQUIRED.search(readme) or _TOKEN_IN_SCRIPT.search(script)):
        return []
    targets = _TARGETS_LINE.findall(readme)
    labels = targets[-1].split() if targets else []
    candidates = [TARGET_LANGUAGE, *(lab for lab in labels if lab.startswith(TARGET_LANGUAGE))]
    known = set(vocabulary)
    for label in candidates:
        if f">>{label}<<" in known:
            return [f">>{label}<<"]
    raise ModelInstallError(
        "the release needs a target-language token (>>id<<) but its vocabulary has no "
        f">>{TARGET_LANGUAGE}<< token; it cannot translate into English"
    )


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def convert_marian(release: MarianRelease, out: Path, quantization: str) -> list[str]:
    """Convert with ctranslate2's OpusMTConverter into ``out``; return the source vocabulary."""
    from ctranslate2.converters import OpusMTConverter
    from ctranslate2.converters.marian import load_vocab

    try:
        vocabulary = list(load_vocab(str(release.vocab_files[0])))
        OpusMTConverter(str(release.root)).convert(str(out), quantization=quantization)
    except OSError as exc:
        raise ModelInstallError(f"converting the model failed: {os_reason(exc)}") from exc
    except Exception as exc:
        # The converter raises bare ValueError/KeyError/zip errors for broken releases.
        raise ModelInstallError(
            f"ctranslate2's OpusMTConverter could not convert {release.model_file.name}: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    return vocabulary


def convert_extra_available() -> bool:
    """Whether the optional ``convert`` extra (transformers + torch) is importable."""
    return all(importlib.util.find_spec(m) is not None for m in ("transformers", "torch"))


def convert_transformers(repo: str, out: Path, quantization: str, spm_file: str) -> None:
    """Convert a Hugging Face model with ctranslate2's TransformersConverter into ``out``.

    ``spm_file`` (the repository's SentencePiece model) is copied beside the model.
    """
    if not convert_extra_available():
        raise ModelInstallError(
            f"converting {repo} needs transformers and torch, which are not installed; "
            f"install the optional extra with: {CONVERT_EXTRA_HINT}"
        )
    from ctranslate2.converters import TransformersConverter

    try:
        TransformersConverter(repo, copy_files=[spm_file]).convert(
            str(out), quantization=quantization
        )
    except OSError as exc:
        raise ModelInstallError(f"converting {repo} failed: {os_reason(exc)}") from exc
    except Exception as exc:
        raise ModelInstallError(
            f"ctranslate2's TransformersConverter could not convert {repo}: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
