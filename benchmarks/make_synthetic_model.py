"""Build a synthetic, random-weight Marian model packaged exactly like an OPUS-MT release.

No real model can be downloaded on the development and CI machines, so tests and
benchmarks use a model the project makes itself. The archive has the layout of a
Tatoeba-Challenge / OPUS-MT release zip (``README.md``, ``LICENSE``, ``decoder.yml``, a
Marian ``.npz`` carrying its ``special:model.yml`` config, one joint vocabulary ``.yml``
listed twice, ``source.spm``/``target.spm``, ``preprocess.sh``/``postprocess.sh``), so it
goes through the same install and conversion path (ctranslate2's ``OpusMTConverter``) as
a real download. Its weights are random: it has the shape of a translation model, not
the skill of one.

Usage::

    python benchmarks/make_synthetic_model.py --size tiny --out /tmp/tiny.zip [--seed 0]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType

import numpy as np


def _sibling(name: str) -> ModuleType:
    """Import a helper next to this file whether run as a script or loaded by path."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_spm = _sibling("synthetic_spm")
vocab_yaml = _spm.vocab_yaml
check_vocab_roundtrip = _spm.check_vocab_roundtrip

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data"
# A fixed timestamp keeps the archive byte-identical for a given seed.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_MODEL_STEM = "opusSynthetic.spm-spm.transformer-align.model1.npz.best-perplexity"
_VOCAB_STEM = "opusSynthetic.spm-spm.vocab"


@dataclass(frozen=True)
class Shape:
    """Dimensions of the synthetic transformer."""

    enc_depth: int
    dec_depth: int
    d_model: int
    heads: int
    ffn: int
    vocab_size: int
    spm_vocab: int
    eos_bias: float


SIZES: dict[str, Shape] = {
    # Small enough that building and converting take a few seconds in a unit test.
    "tiny": Shape(
        enc_depth=2,
        dec_depth=2,
        d_model=64,
        heads=4,
        ffn=256,
        vocab_size=1024,
        spm_vocab=500,
        eos_bias=4.0,
    ),
    # The OPUS-MT transformer-base shape (opus-mt-ar-en has a ~62k joint vocabulary).
    "base": Shape(
        enc_depth=6,
        dec_depth=6,
        d_model=512,
        heads=8,
        ffn=2048,
        vocab_size=60000,
        spm_vocab=8000,
        eos_bias=4.0,
    ),
}


def model_config(shape: Shape, vocab_size: int) -> dict[str, object]:
    """The ``special:model.yml`` options of a post-norm Marian transformer-align model."""
    return {
        "type": "transformer",
        "dim-vocabs": [vocab_size, vocab_size],
        "dim-emb": shape.d_model,
        "enc-depth": shape.enc_depth,
        "dec-depth": shape.dec_depth,
        "transformer-heads": shape.heads,
        "transformer-dim-ffn": shape.ffn,
        "transformer-ffn-depth": 2,
        "transformer-ffn-activation": "relu",
        "transformer-preprocess": "",
        "transformer-postprocess": "dan",
        "transformer-postprocess-emb": "d",
        "transformer-postprocess-top": "",
        "transformer-decoder-autoreg": "self-attention",
        "transformer-no-projection": False,
        "transformer-guided-alignment-layer": "last",
        "transformer-tied-layers": [],
        "transformer-train-position-embeddings": False,
        "tied-embeddings": False,
        "tied-embeddings-all": True,
        "tied-embeddings-src": False,
        "right-left": False,
        "version": "synthetic (arabic-translate-cli make_synthetic_model.py)",
    }


def _weights(shape: Shape, vocab_size: int, seed: int) -> Iterator[tuple[str, np.ndarray]]:
    """Random Marian parameters, named and oriented the way Marian stores them."""
    rng = np.random.default_rng(seed)
    d, f = shape.d_model, shape.ffn

    def matrix(rows: int, cols: int) -> np.ndarray:
        return rng.standard_normal((rows, cols), dtype=np.float32) * np.float32(rows**-0.5)

    def bias(n: int) -> np.ndarray:
        return (rng.standard_normal((1, n), dtype=np.float32) * 0.02).astype(np.float32)

    def attention(prefix: str) -> Iterator[tuple[str, np.ndarray]]:
        for part in "qkvo":
            yield f"{prefix}_W{part}", matrix(d, d)
            yield f"{prefix}_b{part}", bias(d)
        yield f"{prefix}_Wo_ln_scale", np.ones((1, d), dtype=np.float32)
        yield f"{prefix}_Wo_ln_bias", np.zeros((1, d), dtype=np.float32)

    def ffn(prefix: str) -> Iterator[tuple[str, np.ndarray]]:
        yield f"{prefix}_W1", matrix(d, f)
        yield f"{prefix}_b1", bias(f)
        yield f"{prefix}_W2", matrix(f, d)
        yield f"{prefix}_b2", bias(d)
        yield f"{prefix}_ffn_ln_scale", np.ones((1, d), dtype=np.float32)
        yield f"{prefix}_ffn_ln_bias", np.zeros((1, d), dtype=np.float32)

    # Tied embeddings with entries of scale 1/sqrt(d): the output logits then have unit
    # spread, so the </s> bias below sets how often the end token wins a decoding step.
    yield "Wemb", matrix(vocab_size, d) * np.float32(vocab_size**0.5 / d**0.5)
    for layer in range(1, shape.enc_depth + 1):
        yield from attention(f"encoder_l{layer}_self")
        yield from ffn(f"encoder_l{layer}_ffn")
    for layer in range(1, shape.dec_depth + 1):
        yield from attention(f"decoder_l{layer}_self")
        yield from attention(f"decoder_l{layer}_context")
        yield from ffn(f"decoder_l{layer}_ffn")
    logit_bias = bias(vocab_size)
    # Random decoders tend to repeat one token forever; a raised </s> logit lets most
    # outputs end early instead of always running to the maximum length.
    logit_bias[0, 0] = shape.eos_bias
    yield "decoder_ff_logit_out_b", logit_bias


def write_npz(path: Path, shape: Shape, vocab_size: int, seed: int) -> None:
    """Write the Marian ``.npz`` (a zip of ``.npy`` files) with fixed timestamps."""
    import yaml

    config = yaml.safe_dump(model_config(shape, vocab_size), sort_keys=True).encode("utf-8")
    entries = [*_weights(shape, vocab_size, seed)]
    # Marian stores its options as a NUL-terminated char array.
    entries.append(("special:model.yml", np.frombuffer(config + b"\0", dtype=np.int8)))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as npz:
        for name, array in entries:
            info = zipfile.ZipInfo(name + ".npy", date_time=_ZIP_DATE)
            with npz.open(info, "w", force_zip64=True) as handle:
                np.lib.format.write_array(handle, np.ascontiguousarray(array))


def decoder_yaml(model_file: str, vocab_file: str) -> str:
    return (
        "models:\n"
        f"  - {model_file}\n"
        "vocabs:\n"
        f"  - {vocab_file}\n"
        f"  - {vocab_file}\n"
        "beam-size: 4\n"
        "normalize: 1\n"
        "word-penalty: 0\n"
        "mini-batch: 16\n"
        "maxi-batch: 100\n"
        "maxi-batch-sort: src\n"
        "relative-paths: true\n"
    )


_PREPROCESS = r"""#!/bin/bash
#
# USAGE preprocess.sh langid spmodel < input > output
#
# Single target language (eng): no target-language token is added.

SPMENCODE=`which spm_encode || echo "${PWD}/spm_encode"`

perl -C -pe 's/(?!\n)\p{C}/ /g;' |
sed 's/  */ /g;s/^ *//g;s/ *$//g' |
${SPMENCODE} --model $2
"""

_POSTPROCESS = r"""#!/bin/bash
#
# USAGE postprocess.sh < input > output
#

sed 's/ //g;s/▁/ /g;s/^ *//'
"""


def readme_text(size: str, shape: Shape, seed: int, origins: dict[str, str], shared: bool) -> str:
    spm_kind = "one shared SentencePiece model" if shared else "SentencePiece (spm,spm)"
    return (
        f"# {_MODEL_STEM.split('.')[0]}-{size}.zip\n\n"
        "**SYNTHETIC random-weight model: it does not translate.** It was generated by "
        "arabic-translate-cli's benchmarks/make_synthetic_model.py for tests and speed "
        "benchmarks only; no quality claim of any kind is made for it.\n\n"
        "* dataset: none (random weights)\n"
        "* model: transformer-align\n"
        "* source language(s): ara\n"
        "* target language(s): eng\n"
        f"* pre-processing: normalization + {spm_kind}\n"
        f"* size: {size} {json.dumps(asdict(shape), sort_keys=True)}\n"
        f"* seed: {seed}\n"
        f"* SentencePiece training text: source {origins['source_text']}, "
        f"target {origins['target_text']}\n"
    )


_LICENSE = (
    "This synthetic model (random weights, SentencePiece models trained by the project's\n"
    "own code) is a test fixture of arabic-translate-cli and is distributed under the\n"
    "same licence as that project.\n"
)


def build_synthetic_archive(
    size: str,
    out: Path,
    seed: int = 0,
    *,
    shared_spm: bool = False,
    data_dir: Path | None = DEFAULT_DATA_DIR,
) -> Path:
    """Write a synthetic OPUS-MT-format release zip to ``out`` and return its path.

    The same ``size``, ``seed``, ``shared_spm`` and training text give a byte-identical
    archive. SentencePiece models are trained on ``data_dir/flores-dev.{ar,en}`` when
    present, otherwise on generated text.
    """
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    shape = SIZES[size]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    vocab, src_model, tgt_model, origins = _spm.build_vocab_and_spms(
        shape.vocab_size, shape.spm_vocab, seed, data_dir, shared_spm
    )
    vocab_text = vocab_yaml(vocab)
    check_vocab_roundtrip(vocab_text, vocab)
    model_file, vocab_file = f"{_MODEL_STEM}.npz", f"{_VOCAB_STEM}.yml"
    texts = {
        "README.md": readme_text(size, shape, seed, origins, shared_spm),
        "LICENSE": _LICENSE,
        "decoder.yml": decoder_yaml(model_file, vocab_file),
        vocab_file: vocab_text,
        "preprocess.sh": _PREPROCESS,
        "postprocess.sh": _POSTPROCESS,
    }
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".synthetic-") as tmp:
        npz_path = Path(tmp) / model_file
        write_npz(npz_path, shape, len(vocab), seed)
        partial = Path(tmp) / "archive.zip"
        with zipfile.ZipFile(partial, "w", allowZip64=True) as archive:
            for name in ("README.md", "LICENSE", "decoder.yml", vocab_file):
                _add_bytes(archive, name, texts[name].encode("utf-8"), zipfile.ZIP_DEFLATED)
            _add_bytes(archive, "source.spm", src_model, zipfile.ZIP_DEFLATED)
            _add_bytes(archive, "target.spm", tgt_model, zipfile.ZIP_DEFLATED)
            for name in ("preprocess.sh", "postprocess.sh"):
                _add_bytes(archive, name, texts[name].encode("utf-8"), zipfile.ZIP_DEFLATED, 0o755)
            info = zipfile.ZipInfo(model_file, date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            # Random floats do not compress; storing them keeps the base build fast.
            info.compress_type = zipfile.ZIP_STORED
            with npz_path.open("rb") as src, archive.open(info, "w", force_zip64=True) as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
        partial.replace(out)
    return out


def _add_bytes(
    archive: zipfile.ZipFile, name: str, data: bytes, compression: int, mode: int = 0o644
) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.external_attr = mode << 16
    info.compress_type = compression
    archive.writestr(info, data)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), required=True)
    parser.add_argument("--out", type=Path, required=True, help="archive to write (.zip)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--shared-spm", action="store_true", help="one SentencePiece model for both sides"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="folder with flores-dev.ar/.en for SentencePiece training (generated text if absent)",
    )
    args = parser.parse_args(argv)
    path = build_synthetic_archive(
        args.size, args.out, args.seed, shared_spm=args.shared_spm, data_dir=args.data_dir
    )
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
