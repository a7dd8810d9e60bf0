"""Calibrate the quality flags (``translate.text.flags``) on published reference pairs.

A reference translation is, by definition, a translation nobody should be warned
about, so the flags' behaviour on references is their false-positive floor:

* ``length-ratio``: English characters per Arabic character (``length_ratio``) over
  every pair of FLORES-200 dev and TICO-19 dev and test, per set and pooled. The chosen
  thresholds are the pooled 0.5th and 99.5th percentiles, rounded outwards to two
  decimals; how often they fire on each set is reported.
* ``repetition``: how often the loop rule fires on the references (it should not).
* ``number-missing`` / ``number-extra``: the number checker run on source against
  reference. Every remaining case is listed (set, line, values, the start of the
  reference) so that it can be read: a reference that renders هدفين "2 goals" is a real
  difference the checker cannot excuse, a parse error would be the checker's fault.

Writes ``benchmarks/results/flag_calibration.json`` and prints a summary. The chosen
thresholds must be the defaults of ``FlagRules`` (the script says when they are not).
Exits 0 with a message when the shared data is absent.

Run: ``python benchmarks/flag_calibration.py [--data DIR] [--low 0.5] [--high 99.5]``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from translate.text.flags import (  # noqa: E402
    DEFAULT_FLAG_RULES,
    FLAGS_VERSION,
    FlagRules,
    find_repetition,
    length_chars,
    length_ratio,
)
from translate.text.numbers import compare_numbers, source_numbers  # noqa: E402

DATA = HERE.parent.parent / "shared" / "data"
RESULT = HERE / "results" / "flag_calibration.json"
SETS = ("flores-dev", "tico19-dev", "tico19-test")
PERCENTILES = (0.1, 0.5, 1, 5, 25, 50, 75, 95, 99, 99.5, 99.9)
EXCERPT = 100  # characters of a reference quoted in the results


def read_pairs(data: Path, name: str) -> list[tuple[str, str]]:
    arabic = (data / f"{name}.ar").read_text(encoding="utf-8").splitlines()
    english = (data / f"{name}.en").read_text(encoding="utf-8").splitlines()
    if len(arabic) != len(english):
        raise SystemExit(f"{name}: {len(arabic)} Arabic lines but {len(english)} English")
    return list(zip(arabic, english, strict=True))


def distribution(ratios: list[float]) -> dict[str, float]:
    values = np.asarray(ratios)
    summary = {f"p{p:g}": round(float(np.percentile(values, p)), 4) for p in PERCENTILES}
    return {
        "n": len(ratios),
        "min": round(float(values.min()), 4),
        **summary,
        "max": round(float(values.max()), 4),
    }


def length_fires(pairs: list[tuple[str, str]], rules: FlagRules) -> dict[str, int]:
    low = high = checked = 0
    for arabic, english in pairs:
        if length_chars(arabic) < rules.min_length_chars:
            continue
        checked += 1
        ratio = length_ratio(arabic, english)
        low += ratio < rules.min_length_ratio
        high += ratio > rules.max_length_ratio
    return {"checked": checked, "below_min": low, "above_max": high}


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def calibrate(data: Path, low: float, high: float) -> dict[str, object]:
    pairs = {name: read_pairs(data, name) for name in SETS}
    rules = DEFAULT_FLAG_RULES
    ratios = {
        name: [length_ratio(a, e) for a, e in rows if length_chars(a) >= rules.min_length_chars]
        for name, rows in pairs.items()
    }
    pooled = [r for values in ratios.values() for r in values]
    chosen_min = math.floor(float(np.percentile(pooled, low)) * 100) / 100
    chosen_max = math.ceil(float(np.percentile(pooled, high)) * 100) / 100
    chosen = FlagRules(
        min_length_ratio=chosen_min,
        max_length_ratio=chosen_max,
        min_length_chars=rules.min_length_chars,
        repeat_max_n=rules.repeat_max_n,
        repeat_min_count=rules.repeat_min_count,
        repeat_min_tokens=rules.repeat_min_tokens,
    )
    repetition: dict[str, object] = {}
    numbers: dict[str, object] = {}
    cases: list[dict[str, object]] = []
    for name, rows in pairs.items():
        loops = [
            {"line": i + 1, "ngram": loop[0], "times": loop[1]}
            for i, (_, english) in enumerate(rows)
            if (loop := find_repetition(english, chosen))
        ]
        repetition[name] = {"lines": len(rows), "fires": len(loops), "examples": loops[:10]}
        missing = extra = with_numbers = 0
        for i, (arabic, english) in enumerate(rows):
            with_numbers += bool(source_numbers(arabic))
            check = compare_numbers(arabic, english)
            missing += bool(check.missing)
            extra += bool(check.extra)
            if not check.ok:
                cases.append(
                    {
                        "set": name,
                        "line": i + 1,
                        "missing": list(check.missing),
                        "extra": list(check.extra),
                        "reference": excerpt(english),
                    }
                )
        numbers[name] = {
            "lines": len(rows),
            "lines_with_source_numbers": with_numbers,
            "number_missing_fires": missing,
            "number_extra_fires": extra,
            "rate_either": round(sum(1 for c in cases if c["set"] == name) / max(len(rows), 1), 4),
        }
    return {
        "benchmark": "flag_calibration",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "data": str(data),
        "flags_version": FLAGS_VERSION,
        "length_ratio": {
            "definition": "non-space, non-combining characters of the English reference "
            "per such character of the Arabic source; sources shorter than "
            f"{rules.min_length_chars} characters skipped",
            "percentiles_chosen": [low, high],
            "per_set": {name: distribution(values) for name, values in ratios.items()},
            "pooled": distribution(pooled),
            "chosen": {"min_length_ratio": chosen_min, "max_length_ratio": chosen_max},
            "fires_with_chosen": {name: length_fires(rows, chosen) for name, rows in pairs.items()},
        },
        "repetition": {
            "rule": {
                "repeat_max_n": chosen.repeat_max_n,
                "repeat_min_count": chosen.repeat_min_count,
                "repeat_min_tokens": chosen.repeat_min_tokens,
            },
            "per_set": repetition,
        },
        "numbers": {
            "per_set": numbers,
            "remaining_cases": cases,
            "notes": (
                "Remaining cases are real differences between source and reference that the "
                "checker does not excuse by design: a digit 2 for an Arabic dual (هدفين as "
                "'2 goals'), a misspelt number word (أريع), a name (Six Flags), a reference "
                "that adds or reshapes a number (ساعة ونصف as '1.5 hour', عشرين as 'two "
                "dozen', 4x4 written twice), and a lone Roman 'I' for a source 1."
            ),
        },
        "rules": {**chosen.__dict__, "digest": chosen.digest()},
        "defaults_match": chosen == DEFAULT_FLAG_RULES,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--low", type=float, default=0.5, help="percentile for the minimum")
    parser.add_argument("--high", type=float, default=99.5, help="percentile for the maximum")
    args = parser.parse_args()
    if not all((args.data / f"{name}.{lang}").is_file() for name in SETS for lang in ("ar", "en")):
        print(f"shared data not found under {args.data}; nothing to calibrate")
        return 0
    result = calibrate(args.data, args.low, args.high)
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    lengths = result["length_ratio"]
    assert isinstance(lengths, dict)
    print(f"length ratio pooled: {lengths['pooled']}")
    print(f"chosen: {lengths['chosen']}; fires: {lengths['fires_with_chosen']}")
    print(f"repetition: {json.dumps(result['repetition'], ensure_ascii=False)[:300]}")
    numbers = result["numbers"]
    assert isinstance(numbers, dict)
    print(f"numbers: {numbers['per_set']}")
    if not result["defaults_match"]:
        print("NOTE: the chosen thresholds differ from FlagRules' defaults; update them")
    print(f"wrote {RESULT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
