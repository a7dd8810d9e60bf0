"""Save the trained toy model the Hugging Face way, convert it with ctranslate2's own
Transformers converter (int8) and write the manifest the project's model folders carry."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any


def save_hf(model: Any, vocab: dict[str, int], spm_path: Path, hf_dir: Path) -> None:
    from transformers import MarianTokenizer

    if hf_dir.exists():
        shutil.rmtree(hf_dir)
    hf_dir.mkdir(parents=True)
    model.save_pretrained(hf_dir)
    shutil.copyfile(spm_path, hf_dir / "source.spm")
    shutil.copyfile(spm_path, hf_dir / "target.spm")
    with (hf_dir / "vocab.json").open("w", encoding="utf-8", newline="\n") as handle:
        json.dump(vocab, handle, ensure_ascii=False, indent=1)
    tokenizer = MarianTokenizer(
        str(hf_dir / "source.spm"), str(hf_dir / "target.spm"), str(hf_dir / "vocab.json")
    )
    tokenizer.save_pretrained(hf_dir)


def convert(hf_dir: Path, spm_path: Path, out: Path, name: str = "toy-news") -> dict[str, Any]:
    """Convert into a temporary folder beside ``out``; the caller renames it into place.
    ``name`` is the model name the manifest records."""
    import ctranslate2
    from ctranslate2.converters import TransformersConverter

    TransformersConverter(str(hf_dir)).convert(str(out), quantization="int8", force=True)
    shutil.copyfile(spm_path, out / "source.spm")
    shutil.copyfile(spm_path, out / "target.spm")
    manifest = {
        "name": name,
        "architecture": "marian-transformer",
        "source_url": None,
        "archive_sha256": None,
        "quantization": "int8",
        "converter": "ctranslate2.converters.TransformersConverter",
        "ctranslate2_version": ctranslate2.__version__,
        "installed_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        # The Transformers converter does not set add_source_eos (the Marian one does): the
        # Hugging Face tokenizer appended </s> during training, so the pipeline must too.
        "source_prefix": [],
        "source_suffix": ["</s>"],
        "target_prefix": [],
        "bundled": True,
    }
    write_json(out / "manifest.json", manifest)
    return manifest


def write_json(path: Path, value: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as handle:
        json.dump(value, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    tmp.replace(path)


def swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` by the finished ``staging`` folder, the old one kept until then."""
    old = out.with_name(out.name + ".old")
    if out.exists():
        out.rename(old)
    staging.rename(out)
    if old.exists():
        shutil.rmtree(old)
