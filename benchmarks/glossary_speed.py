"""What the glossary costs: translation time with the default glossary vs without it, in
the same run, on text where names occur.

Three measurements, each a ratio of the best of ``--repeat`` interleaved runs (each
run's own ratio and their median are recorded too, to show the noise; the sample
article, under a second a run, gets ``--article-repeat`` runs):

* the toy model (real behaviour: it renders the names it knows and the glossary works
  only on those it does not) on the sample news article and on FLORES dev;
* the base-shaped synthetic model (random weights, fixed decoding length as in
  ``speed.py``) on name-dense lines only (FLORES dev and sample-article lines with at
  least one default-glossary match). It never writes a rendering, so every matched term
  is missing; its translations are all below the confidence level, so nothing is
  inserted, and they rarely hold a capitalised word a name could replace, so most
  terms are left unplaced without a scoring. The worst case for a confident model that
  does write names is the name-dense fidelity set (``glossary_fidelity.py``);
* decodes and scorings per sentence with the glossary, from the translator's counters,
  and how each term was enforced;
* number repair (on by default) vs ``--no-repair-numbers``, without a glossary, on the
  same texts: what repairing the numbers a model changed costs where it does.

Number repair is off in the glossary comparisons, so that they measure the glossary
alone.

It also compares fixed batches of 32 sentences with the default token budget
(``--batch-tokens``) on the synthetic model without a glossary, as a check of that
default. Results go to ``benchmarks/results/glossary_speed.json``.

    python benchmarks/glossary_speed.py [--repeat 3] [--article-repeat 15]
        [--flores-lines 300] [--dense-lines 120]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from speed import installed_model  # noqa: E402

from translate import TranslationOptions, Translator  # noqa: E402
from translate.enforce.sources import enforceable_matches  # noqa: E402
from translate.glossary import load_glossaries  # noqa: E402
from translate.text.normalize import normalize_text  # noqa: E402

DATA = HERE.parent.parent / "shared" / "data"


def read(name: str, limit: int | None = None) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return lines[:limit] if limit else lines


def timed(translator: Translator, lines: list[str]) -> tuple[float, list[Any]]:
    started = time.perf_counter()
    results = list(translator.translate_lines(lines))
    return time.perf_counter() - started, results


def compare(
    model: str | Path, options: TranslationOptions, lines: list[str], repeat: int
) -> dict[str, Any]:
    glossary = load_glossaries([], include_default=True)
    plain_times: list[float] = []
    glossary_times: list[float] = []
    results: list[Any] = []
    decodes = scorings = 0
    for _ in range(repeat):
        # Fresh translators each time: no cache carries work from one run to the next.
        plain_seconds, _ = timed(Translator(model, options), lines)
        translator = Translator(model, options, glossary=glossary)
        glossary_seconds, results = timed(translator, lines)
        plain_times.append(plain_seconds)
        glossary_times.append(glossary_seconds)
        decodes = translator.sentence_translator.decoded_sentences
        scorings = translator.sentence_translator.scored_sentences
    sentences = sum(r.sentences for r in results)
    methods: Counter[str] = Counter(
        str(m["enforced"]) for r in results for rep in r.report for m in rep["matches"]
    )
    return {
        "lines": len(lines),
        "sentences": sentences,
        "sentences_with_terms": sum(1 for r in results for rep in r.report if rep["matches"]),
        "plain_seconds": round(min(plain_times), 3),
        "glossary_seconds": round(min(glossary_times), 3),
        "ratio": round(min(glossary_times) / min(plain_times), 3),
        # Each interleaved pair on its own: how much the noise of this machine moves it.
        "ratio_per_run": [round(g / p, 3) for p, g in zip(plain_times, glossary_times)],
        "median_ratio_per_run": round(
            statistics.median(g / p for p, g in zip(plain_times, glossary_times)), 3
        ),
        "decodes_per_sentence": round(decodes / max(1, sentences), 3),
        "scorings_per_sentence": round(scorings / max(1, sentences), 3),
        "methods": dict(sorted(methods.items())),
    }


def repair_cost(
    model: str | Path, options: TranslationOptions, lines: list[str], repeat: int
) -> dict[str, Any]:
    """Number repair on vs off, no glossary, interleaved, best of ``repeat``."""
    off_times: list[float] = []
    on_times: list[float] = []
    results: list[Any] = []
    for _ in range(repeat):
        off_times.append(timed(Translator(model, options), lines)[0])
        seconds, results = timed(
            Translator(model, options.with_changes(repair_numbers=True)), lines
        )
        on_times.append(seconds)
    methods: Counter[str] = Counter(
        str(m["enforced"]) for r in results for rep in r.report for m in rep["matches"]
    )
    return {
        "lines": len(lines),
        "off_seconds": round(min(off_times), 3),
        "on_seconds": round(min(on_times), 3),
        "ratio": round(min(on_times) / min(off_times), 3),
        "numbers": dict(sorted(methods.items())),
    }


def name_dense(lines: list[str]) -> list[str]:
    matcher = load_glossaries([], include_default=True).matcher()
    return [line for line in lines if enforceable_matches(matcher, normalize_text(line))]


def batch_check(model: Path, lines: list[str], length: int, repeat: int) -> dict[str, Any]:
    """Fixed 32-sentence batches (as a token budget that fits 32 of these sentences)
    against the default token budget, without a glossary."""
    base = TranslationOptions(
        threads=2,
        beam_size=4,
        min_decoding_length=length,
        max_decoding_length=length,
        repair_numbers=False,
    )
    translator = Translator(model, base)
    tokens = [translator.tokenizer.count_source(line) for line in lines]
    per_32 = max(1, round(32 * sum(tokens) / len(tokens)))
    default_times, fixed_times = [], []
    for _ in range(repeat):
        default_times.append(timed(Translator(model, base), lines)[0])
        fixed = base.with_changes(batch_tokens=per_32)
        fixed_times.append(timed(Translator(model, fixed), lines)[0])
    return {
        "default_batch_tokens": base.batch_tokens,
        "tokens_for_32_sentences": per_32,
        "default_seconds": round(min(default_times), 3),
        "batch_32_seconds": round(min(fixed_times), 3),
        "batch_32_over_default": round(min(fixed_times) / min(default_times), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--article-repeat", type=int, default=15)
    parser.add_argument("--flores-lines", type=int, default=300)
    parser.add_argument("--dense-lines", type=int, default=120)
    parser.add_argument("--length", type=int, default=32, help="synthetic decoding length")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "glossary_speed.json")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"{DATA} is absent: nothing to measure", file=sys.stderr)
        return 0
    toy = TranslationOptions(threads=2, repair_numbers=False)
    article = read("sample-news.ar.txt")
    flores = read("flores-dev.ar", args.flores_lines)
    document: dict[str, Any] = {
        "benchmark": "glossary_speed",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "repeat": args.repeat,
        "article_repeat": args.article_repeat,
    }
    print("toy-news, sample article ...", file=sys.stderr)
    document["toy_news_article"] = compare("toy-news", toy, article, args.article_repeat)
    print("toy-news, FLORES dev ...", file=sys.stderr)
    document["toy_news_flores"] = compare("toy-news", toy, flores, args.repeat)
    for model in ("toy-translit",):
        print(f"{model}, sample article ...", file=sys.stderr)
        key = f"{model.replace('-', '_')}_article"
        document[key] = compare(model, toy, article, args.article_repeat)
    synthetic = installed_model("base")
    worst = TranslationOptions(
        threads=2,
        beam_size=4,
        min_decoding_length=args.length,
        max_decoding_length=args.length,
        repair_numbers=False,
    )
    dense = name_dense(read("flores-dev.ar") + article)[: args.dense_lines]
    print(f"synthetic base, {len(dense)} name-dense lines ...", file=sys.stderr)
    document["synthetic_base_name_dense"] = compare(synthetic, worst, dense, args.repeat)
    print("number repair: toy-news FLORES dev, synthetic name-dense ...", file=sys.stderr)
    document["number_repair_toy_news_flores"] = repair_cost("toy-news", toy, flores, args.repeat)
    document["number_repair_synthetic_name_dense"] = repair_cost(
        synthetic, worst, dense, args.repeat
    )
    print("synthetic base, batch sizes ...", file=sys.stderr)
    document["batch_size_check"] = batch_check(synthetic, flores, args.length, args.repeat)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(document, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
