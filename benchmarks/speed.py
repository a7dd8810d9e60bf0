"""Speed of the end-to-end pipeline against a bare CTranslate2 loop, in one run.

On the ``base`` synthetic model (OPUS-MT transformer-base shape, random weights) with
real Arabic lines, this measures:

* throughput of ``Translator.translate_lines`` (normalise, split, protect, tokenise,
  batch, translate, detokenise) vs a bare ``ctranslate2.Translator.translate_batch``
  loop over the same sentences with the same options (the baseline tokenises and
  detokenises with SentencePiece too, and uses CTranslate2's own length-sorted token
  batching). Decoding length is fixed (min = max) in both, so the random weights'
  output lengths cannot distort the ratio;
* peak RSS of a ``translate`` process over the same input;
* time to the first output line in pipe mode: the process is started, and once it
  reports its model loaded one line is written while the pipe stays open; that time is
  compared with 1.5× a one-sentence decode.

Random weights: these are speed figures only. Results go to
``benchmarks/results/speed.json``.

    python benchmarks/speed.py [--lines 300] [--size base] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_synthetic_model import build_synthetic_archive  # noqa: E402

REPO = HERE.parent
DATA = REPO.parent / "shared" / "data" / "flores-dev.ar"
WORK = HERE / "work"


def installed_model(size: str) -> Path:
    from translate.models.install import install_from_archive

    models_dir = WORK / "models"
    target = models_dir / f"synthetic-{size}"
    if not (target / "model.bin").is_file():
        archive = WORK / f"synthetic-{size}.zip"
        if not archive.is_file():
            WORK.mkdir(parents=True, exist_ok=True)
            build_synthetic_archive(size, archive)
        install_from_archive(archive, f"synthetic-{size}", models_dir)
    return target


def read_lines(count: int) -> list[str]:
    if DATA.is_file():
        lines = DATA.read_text(encoding="utf-8").splitlines()
    else:
        lines = [f"قال المتحدث في اليوم {i} إن المحادثات ستستمر بين الطرفين." for i in range(count)]
    return [line for line in lines if line.strip()][:count]


def pipeline_sentences(model_dir: Path, lines: list[str]) -> list[str]:
    """The sentences the pipeline sends to the model for ``lines``: the baseline loop
    translates exactly these."""
    from translate.engine.pipeline import segment_line
    from translate.engine.tokenizer import Tokenizer
    from translate.models.directory import open_model_directory
    from translate.text.normalize import normalize_text

    count = Tokenizer.for_model(open_model_directory(model_dir)).count_source
    return [s for line in lines for s in segment_line(normalize_text(line), 200, count)]


def bare_loop(model_dir: Path, sentences: list[str], opts: dict[str, int]) -> float:
    import ctranslate2
    import sentencepiece as spm

    translator = ctranslate2.Translator(
        str(model_dir), device="cpu", compute_type="int8", intra_threads=opts["threads"]
    )
    source = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
    target = spm.SentencePieceProcessor(model_file=str(model_dir / "target.spm"))
    started = time.perf_counter()
    tokens = [source.encode(s, out_type=str) for s in sentences]
    results = translator.translate_batch(
        tokens,
        max_batch_size=opts["batch_tokens"],
        batch_type="tokens",
        beam_size=opts["beam"],
        max_decoding_length=opts["length"],
        min_decoding_length=opts["length"],
    )
    _ = [target.decode(r.hypotheses[0]) for r in results]
    return time.perf_counter() - started


def one_sentence_decode(model_dir: Path, sentence: str, opts: dict[str, int]) -> float:
    import ctranslate2
    import sentencepiece as spm

    translator = ctranslate2.Translator(
        str(model_dir), device="cpu", compute_type="int8", intra_threads=opts["threads"]
    )
    source = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
    tokens = [source.encode(sentence, out_type=str)]
    translator.translate_batch(tokens, beam_size=opts["beam"], max_decoding_length=4)  # warm-up
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        translator.translate_batch(
            tokens,
            beam_size=opts["beam"],
            max_decoding_length=opts["length"],
            min_decoding_length=opts["length"],
        )
        best = min(best, time.perf_counter() - started)
    return best


def pipeline_run(
    model_dir: Path, lines: list[str], opts: dict[str, int], glossary: object = None
) -> tuple[float, int, int]:
    from translate import TranslationOptions, Translator

    options = TranslationOptions(
        beam_size=opts["beam"],
        threads=opts["threads"],
        batch_tokens=opts["batch_tokens"],
        max_decoding_length=opts["length"],
        min_decoding_length=opts["length"],
    )
    translator = Translator(model_dir, options, glossary=glossary)
    started = time.perf_counter()
    results = list(translator.translate_lines(lines, chunk_lines=len(lines)))
    elapsed = time.perf_counter() - started
    return elapsed, sum(r.sentences for r in results), sum(r.target_tokens for r in results)


def cli_args(model_dir: Path, opts: dict[str, int]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "translate",
        "--model",
        str(model_dir),
        "--no-default-glossary",
        "--beam-size",
        str(opts["beam"]),
        "--threads",
        str(opts["threads"]),
        "--batch-tokens",
        str(opts["batch_tokens"]),
        "--offline",
    ]


def glossary_overhead(
    model_dir: Path, lines: list[str], opts: dict[str, int], repeats: int
) -> dict[str, float]:
    """Pipeline time with a 50,000-entry glossary over without one (target: at most
    1.10). The generated names do not occur in real text, so this is the cost of
    matching itself; the default glossary's ratio is reported too, but on random weights
    every matched sentence needs repair decodes a real model mostly does not."""
    from glossary_matching import generate_glossary

    from translate.glossary import load_glossaries

    big_file = WORK / "glossary-50k.yaml"
    if not big_file.is_file():
        big_file.write_text(generate_glossary(50_000), encoding="utf-8")
    big = load_glossaries([big_file], include_default=False)
    default = load_glossaries([], include_default=True)
    plain, with_big, with_default = [], [], []
    matched = sum(1 for line in lines if big.matcher().find(line))
    for _ in range(repeats):
        plain.append(pipeline_run(model_dir, lines, opts)[0])
        with_big.append(pipeline_run(model_dir, lines, opts, big)[0])
        with_default.append(pipeline_run(model_dir, lines, opts, default)[0])
    return {
        "glossary_50k_lines_matched": matched,
        "glossary_50k_time_ratio": min(with_big) / min(plain),
        "target_glossary_50k_time_ratio": 1.10,
        "default_glossary_time_ratio_random_weights": min(with_default) / min(plain),
    }


def fixed_length_env(opts: dict[str, int]) -> dict[str, str]:
    length = str(opts["length"])
    return dict(
        os.environ, TRANSLATE_MAX_DECODING_LENGTH=length, TRANSLATE_MIN_DECODING_LENGTH=length
    )


def cli_peak_rss(model_dir: Path, lines: list[str], opts: dict[str, int]) -> float:
    env = fixed_length_env(opts)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        cli_args(model_dir, opts),
        input="\n".join(lines).encode(),
        capture_output=True,
        check=True,
        env=env,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024.0  # kB -> MB on Linux


def first_line_latency(model_dir: Path, line: str, opts: dict[str, int]) -> dict[str, float]:
    env = fixed_length_env(opts)
    started = time.perf_counter()
    process = subprocess.Popen(
        [*cli_args(model_dir, opts), "-v"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdin and process.stdout and process.stderr
    for raw in iter(process.stderr.readline, b""):
        if b"loaded" in raw:
            break
    loaded = time.perf_counter()
    process.stdin.write((line + "\n").encode())
    process.stdin.flush()
    process.stdout.readline()
    first = time.perf_counter()
    process.stdin.close()
    process.wait(timeout=60)
    return {"startup_and_load_s": loaded - started, "first_line_after_input_s": first - loaded}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="base", choices=["tiny", "base"])
    parser.add_argument("--lines", type=int, default=300)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--length", type=int, default=32, help="fixed decoding length")
    parser.add_argument("--batch-tokens", type=int, default=2048)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "speed.json")
    args = parser.parse_args(argv)
    opts = {
        "threads": args.threads,
        "beam": args.beam,
        "length": args.length,
        "batch_tokens": args.batch_tokens,
    }
    model_dir = installed_model(args.size)
    lines = read_lines(args.lines)
    sentences = pipeline_sentences(model_dir, lines)
    # Alternate the two so drift on a noisy machine hits both alike; keep the best of each.
    bare_times, pipe_times = [], []
    for _ in range(args.repeats):
        bare_times.append(bare_loop(model_dir, sentences, opts))
        elapsed, count, target_tokens = pipeline_run(model_dir, lines, opts)
        pipe_times.append(elapsed)
    bare, pipe = min(bare_times), min(pipe_times)
    glossary_ratios = glossary_overhead(model_dir, lines, opts, args.repeats)
    one = one_sentence_decode(model_dir, sentences[0], opts)
    latency = first_line_latency(model_dir, lines[0], opts)
    result = {
        "benchmark": "speed",
        "model": f"synthetic-{args.size} (random weights)",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "options": opts,
        "repeats": args.repeats,
        "lines": len(lines),
        "sentences": len(sentences),
        "pipeline_sentences": count,
        "bare_seconds": bare,
        "pipeline_seconds": pipe,
        "bare_sentences_per_s": len(sentences) / bare,
        "pipeline_sentences_per_s": count / pipe,
        "pipeline_target_tokens_per_s": target_tokens / pipe,
        "throughput_ratio": bare / pipe,
        "target_throughput_ratio": 0.95,
        **glossary_ratios,
        "peak_rss_mb": cli_peak_rss(model_dir, lines, opts),
        "one_sentence_decode_s": one,
        **latency,
        "first_line_vs_one_decode": latency["first_line_after_input_s"] / one,
        "target_first_line_vs_one_decode": 1.5,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
