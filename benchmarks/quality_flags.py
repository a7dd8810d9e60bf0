"""Quality flags and number repair, measured (issue #14). Toy models are toys: these
are toy-world numbers, not real-model quality; the synthetic model has random weights.

* ``toy_numbers``: ``toy-news`` on ``benchmarks/flags/data/numbers.*`` (137 toy-world
  sentences with numbers in every form): share of lines whose output numbers equal the
  source's (by value, :mod:`translate.text.numbers`) without and with repair; exact
  reference lines before/after (and right lines changed by repair: must be 0); how each
  number was placed.
* ``catch``: without repair, the lines that are wrong (a number differs from the source,
  or an out-of-template line from ``out_of_template.*``, which the toy turns into
  nonsense) and the share of them flagged; and the share of lines equal to their
  reference (numbers set and toy test set) that are flagged (false alarms).
* ``toy_test`` and ``synthetic_*``: share of flagged lines and mean sentence chrF of
  flagged vs unflagged lines (:mod:`translate.evaluation.flagstats`), on the toy test set
  and, with the synthetic base model, on FLORES dev and TICO-19 test from
  ``../shared/data`` (where every line should be flagged low-confidence).
* ``overhead``: time to compute the flags of every translated sentence over the time to
  translate them (without repair), toy test + numbers sets.

    python benchmarks/quality_flags.py [--shared-lines 200]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from speed import installed_model  # noqa: E402

from translate import TranslationOptions, Translator  # noqa: E402
from translate.evaluation.flagstats import flag_stats, line_codes  # noqa: E402
from translate.text.flags import sentence_flags  # noqa: E402
from translate.text.normalize import normalize_text  # noqa: E402
from translate.text.numbers import compare_numbers  # noqa: E402

FLAGS = HERE / "flags" / "data"
TOY = HERE / "toy" / "data"
SHARED = HERE.parent.parent / "shared" / "data"


def read(path: Path, limit: int | None = None) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[:limit] if limit else lines


def run(model: str | Path, options: TranslationOptions, lines: list[str]) -> list[Any]:
    return list(Translator(model, options).translate_lines(lines))


def numbers_ok(source: str, output: str) -> bool:
    return compare_numbers(normalize_text(source), output).ok


def toy_numbers(plain: list[Any], repaired: list[Any], src: list[str], ref: list[str]) -> dict:
    methods: Counter[str] = Counter(
        str(m["enforced"])
        for r in repaired
        for entry in r.report
        for m in entry["matches"]
        if m.get("type") == "number"
    )
    exact_before = [p.text == e for p, e in zip(plain, ref)]
    return {
        "lines": len(src),
        "numbers_equal_without_repair": sum(numbers_ok(s, p.text) for s, p in zip(src, plain)),
        "numbers_equal_with_repair": sum(numbers_ok(s, r.text) for s, r in zip(src, repaired)),
        "numbers_equal_rate_with_repair": round(
            sum(numbers_ok(s, r.text) for s, r in zip(src, repaired)) / len(src), 4
        ),
        "exact_reference_without_repair": sum(exact_before),
        "exact_reference_with_repair": sum(r.text == e for r, e in zip(repaired, ref)),
        "right_lines_changed_by_repair": sum(
            1 for ok, p, r in zip(exact_before, plain, repaired) if ok and p.text != r.text
        ),
        "number_methods": dict(sorted(methods.items())),
        "examples": [
            {"source": s, "plain": p.text, "repaired": r.text, "reference": e}
            for s, p, r, e in zip(src, plain, repaired, ref)
            if p.text != r.text
        ][:12],
    }


def catch(
    numbers: tuple[list[str], list[Any], list[str]],
    off: tuple[list[str], list[Any], list[str]],
    test: tuple[list[str], list[Any], list[str]],
) -> dict:
    wrong = flagged_wrong = 0
    by_kind: dict[str, list[int]] = {"number": [0, 0], "out_of_template": [0, 0]}
    missed: list[dict[str, str]] = []
    # A numbers line is wrong where a number differs; an out-of-template line always.
    lines = [("number", s, r, not numbers_ok(s, r.text)) for s, r in zip(numbers[0], numbers[1])]
    lines += [("out_of_template", s, r, True) for s, r in zip(off[0], off[1])]
    for kind, source, result, is_wrong in lines:
        if not is_wrong:
            continue
        wrong += 1
        by_kind[kind][0] += 1
        if result.flagged:
            flagged_wrong += 1
            by_kind[kind][1] += 1
        else:
            missed.append({"source": source, "output": result.text})
    right = flagged_right = 0
    alarms: list[dict[str, Any]] = []
    for src, res, ref in (numbers, test):
        for s, r, e in zip(src, res, ref):
            if r.text == e:
                right += 1
                if r.flagged:
                    flagged_right += 1
                    alarms.append({"source": s, "output": r.text, "codes": line_codes(r.report)})
    return {
        "wrong_lines": wrong,
        "wrong_flagged": flagged_wrong,
        "catch_rate": round(flagged_wrong / max(1, wrong), 4),
        "by_kind": {k: {"wrong": v[0], "flagged": v[1]} for k, v in by_kind.items()},
        "right_lines": right,
        "right_flagged": flagged_right,
        "false_alarm_rate": round(flagged_right / max(1, right), 4),
        "missed": missed[:10],
        "false_alarms": alarms[:10],
    }


def stats(results: list[Any], references: list[str]) -> dict:
    hyps = [r.text for r in results]
    return flag_stats(hyps, references, [line_codes(r.report) for r in results]).to_dict()


def overhead(model: str, options: TranslationOptions, lines: list[str]) -> dict:
    translator = Translator(model, options)
    started = time.perf_counter()
    results = list(translator.translate_lines(lines))
    translate_seconds = time.perf_counter() - started
    pairs = [(normalize_text(line), r.text, -0.5) for line, r in zip(lines, results)]
    started = time.perf_counter()
    for _ in range(5):
        for source, output, score in pairs:
            sentence_flags(source, output, score=score)
    flag_seconds = (time.perf_counter() - started) / 5
    return {
        "lines": len(lines),
        "translate_seconds": round(translate_seconds, 3),
        "flag_seconds": round(flag_seconds, 4),
        "overhead": round(flag_seconds / translate_seconds, 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared-lines", type=int, default=200)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "quality_flags.json")
    args = parser.parse_args()
    toy_plain = TranslationOptions(threads=2, repair_numbers=False)
    toy_repair = TranslationOptions(threads=2)
    num_src, num_ref = read(FLAGS / "numbers.ar"), read(FLAGS / "numbers.en")
    off_src, off_ref = read(FLAGS / "out_of_template.ar"), read(FLAGS / "out_of_template.en")
    test_src, test_ref = read(TOY / "test.ar"), read(TOY / "test.en")
    print("toy-news: numbers, out-of-template, test ...", file=sys.stderr)
    num_plain = run("toy-news", toy_plain, num_src)
    num_repair = run("toy-news", toy_repair, num_src)
    off_plain = run("toy-news", toy_plain, off_src)
    test_plain = run("toy-news", toy_plain, test_src)
    document: dict[str, Any] = {
        "benchmark": "quality_flags",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "signature": num_repair[0].signature if num_repair else None,
        "toy_numbers": toy_numbers(num_plain, num_repair, num_src, num_ref),
        "catch": catch(
            (num_src, num_plain, num_ref),
            (off_src, off_plain, off_ref),
            (test_src, test_plain, test_ref),
        ),
        "toy_test": stats(test_plain, test_ref),
        "toy_numbers_flags": stats(num_plain, num_ref),
        "toy_out_of_template_flags": stats(off_plain, off_ref),
    }
    if SHARED.is_dir():
        synthetic = installed_model("base")
        options = TranslationOptions(threads=2, beam_size=1, max_decoding_length=64)
        for name, stem in (("flores_dev", "flores-dev"), ("tico19_test", "tico19-test")):
            print(f"synthetic base, {name} ...", file=sys.stderr)
            src = read(SHARED / f"{stem}.ar", args.shared_lines)
            ref = read(SHARED / f"{stem}.en", args.shared_lines)
            document[f"synthetic_{name}"] = stats(run(synthetic, options, src), ref)
    else:
        print(f"{SHARED} is absent: shared-data measurements skipped", file=sys.stderr)
    print("overhead ...", file=sys.stderr)
    document["overhead"] = overhead("toy-news", toy_plain, test_src + num_src)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", "utf-8")
    summary = {k: v for k, v in document.items() if k not in ("machine",)}
    print(json.dumps(summary, indent=1, ensure_ascii=False)[:4000])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
