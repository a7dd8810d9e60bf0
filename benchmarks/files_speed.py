"""Speed of ``translate files`` on a folder of 200 text files, against a bare CTranslate2 loop.

On the ``base`` synthetic model (OPUS-MT transformer-base shape, random weights) this
writes a folder of text files made from ``../shared/data/flores-dev.ar`` (generated
Arabic lines when that file is absent), then measures in one run:

* the batch job (:func:`translate.files.run.translate_files` in-process: planning, reading,
  sentence counting, shared cross-file batches, rendering, atomic writes) against the
  bare ``translate_batch`` loop of ``benchmarks/speed.py`` over the same sentences with
  the same options; decoding length fixed (min = max) in both, as ``speed.py`` does, so
  the random weights' output lengths cannot distort the ratio; model load excluded from
  both;
* a forced rerun with a warm ``--cache`` (SQLite): its time and how many sentences it
  decoded (should be none).

Random weights: speed figures only. Results go to ``benchmarks/results/files_speed.json``.

    python benchmarks/files_speed.py [--files 200] [--lines-per-file 2] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from speed import (  # noqa: E402
    DATA,
    WORK,
    bare_loop,
    installed_model,
    pipeline_sentences,
    read_lines,
)

FOLDER = WORK / "files_speed"


def write_folder(root: Path, lines: list[str], files: int) -> list[Path]:
    """``files`` text files in 10 sub-folders, lines dealt out in order."""
    if root.exists():
        shutil.rmtree(root)
    per_file = max(1, len(lines) // files)
    written = []
    for index in range(files):
        path = root / f"part{index % 10}" / f"doc{index:03d}.ar.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        chunk = lines[index * per_file : (index + 1) * per_file]
        path.write_text("\n\n".join(chunk) + "\n", encoding="utf-8", newline="\n")
        written.append(path)
    return written


def files_run(
    model_dir: Path, inputs: Path, out: Path, opts: dict[str, int], cache: Path | None
) -> dict[str, Any]:
    from translate import TranslationOptions
    from translate.files.run import EngineSpec, LocalEngine, translate_files

    options = TranslationOptions(
        beam_size=opts["beam"],
        threads=opts["threads"],
        batch_tokens=opts["batch_tokens"],
        max_decoding_length=opts["length"],
        min_decoding_length=opts["length"],
    )
    engine = LocalEngine.open(EngineSpec(model=str(model_dir), options=options, cache_path=cache))
    started = time.perf_counter()
    summary = translate_files(
        [inputs], out, lambda: engine, force=True, chunk_units=opts["chunk_units"]
    )
    elapsed = time.perf_counter() - started
    assert summary.files_failed == 0, summary.failures
    return {
        "seconds": elapsed,
        "files": summary.files_done,
        "sentences": summary.sentences,
        "decoded_sentences": summary.decoded_sentences,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="base", choices=["tiny", "base"])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--lines-per-file", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--length", type=int, default=32, help="fixed decoding length")
    parser.add_argument("--batch-tokens", type=int, default=2048)
    parser.add_argument(
        "--chunk-units", type=int, default=0, help="units per chunk; 0: the engine's default"
    )
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "files_speed.json")
    args = parser.parse_args(argv)
    from translate.files.run import LocalEngine

    opts = {
        "threads": args.threads,
        "beam": args.beam,
        "length": args.length,
        "batch_tokens": args.batch_tokens,
        "chunk_units": args.chunk_units or LocalEngine.chunk_units,
    }
    model_dir = installed_model(args.size)
    lines = read_lines(args.files * args.lines_per_file)
    inputs = FOLDER / "in"
    write_folder(inputs, lines, args.files)
    sentences = pipeline_sentences(model_dir, lines)
    # Alternate the two so drift on a noisy shared machine hits both alike; keep the best.
    bare_times: list[float] = []
    runs: list[dict[str, Any]] = []
    for _ in range(args.repeats):
        bare_times.append(bare_loop(model_dir, sentences, opts))
        runs.append(files_run(model_dir, inputs, FOLDER / "out", opts, cache=None))
    best = min(runs, key=lambda r: r["seconds"])
    cache = FOLDER / "cache.sqlite"
    cache.unlink(missing_ok=True)
    cold = files_run(model_dir, inputs, FOLDER / "out-cached", opts, cache=cache)
    warm = files_run(model_dir, inputs, FOLDER / "out-cached", opts, cache=cache)
    bare = min(bare_times)
    result = {
        "benchmark": "files_speed",
        "model": f"synthetic-{args.size} (random weights)",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "options": opts,
        "data": DATA.name if DATA.is_file() else "generated Arabic lines",
        "files": args.files,
        "lines": len(lines),
        "sentences": len(sentences),
        "files_sentences": best["sentences"],
        "bare_seconds": bare,
        "files_seconds": best["seconds"],
        "bare_sentences_per_s": len(sentences) / bare,
        "files_sentences_per_s": best["sentences"] / best["seconds"],
        "throughput_ratio": bare / best["seconds"],
        "target_throughput_ratio": 0.95,
        "all_bare_seconds": bare_times,
        "all_files_seconds": [r["seconds"] for r in runs],
        "cold_cache_seconds": cold["seconds"],
        "warm_cache_seconds": warm["seconds"],
        "warm_cache_decoded_sentences": warm["decoded_sentences"],
        "warm_cache_speedup_vs_files": best["seconds"] / warm["seconds"],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
