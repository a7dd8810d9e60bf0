"""Glossary matcher benchmark: accuracy on the project's names set, load time, throughput.

Measures, and writes to ``benchmarks/results/glossary_matching.json``:

* matcher precision/recall on ``benchmarks/data/names.ar`` against the expected matches
  in ``names.terms.jsonl`` (span and rendering must both agree), plus how many expected
  proclitics were reported exactly;
* load time of a generated 50,000-entry glossary, with the YAML parse and without it
  (parse, validation and matcher construction timed apart; best of several runs);
* matching throughput on real Arabic text (``../shared/data/flores-dev.ar`` when present,
  else the names set) with the default glossary and with the 50,000-entry one, and the
  time for the same text repeated 1x, 4x and 16x (matching should grow linearly).

Run: ``python benchmarks/glossary_matching.py [--entries 50000] [--repeat 3]``.
Timings depend on the machine and its load; the JSON records the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from translate.glossary import Glossary, load_glossaries, load_glossary  # noqa: E402
from translate.glossary.matcher import Matcher  # noqa: E402
from translate.glossary.schema import parse_glossary_text  # noqa: E402
from translate.glossary.tokens import clear_caches as clear_token_caches  # noqa: E402
from translate.glossary.tokens import form_tokens  # noqa: E402
from translate.glossary.variants import clear_caches as clear_variant_caches  # noqa: E402
from translate.glossary.yaml_reader import parse_yaml, read_glossary_bytes  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
SHARED = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results" / "glossary_matching.json"

_CONSONANTS = "بتثجحخدذرزسشصضطظعغفقكلمنهء"
_VOWELS = ("ا", "و", "ي", "")


def _word(index: int, rng: random.Random) -> str:
    """A pronounceable, unique Arabic-script word for ``index``."""
    letters = []
    n = index
    while True:
        letters.append(_CONSONANTS[n % len(_CONSONANTS)])
        letters.append(rng.choice(_VOWELS))
        n //= len(_CONSONANTS)
        if n == 0:
            break
    letters.append(rng.choice("نسفرل"))
    return "".join(letters)


def generate_glossary(entries: int, seed: int = 7) -> str:
    """YAML of a synthetic glossary shaped like a large newsroom list.

    40% people (full name and surname), 20% places, 20% multi-word organisations and
    20% terms (variants off, as ``type: term`` defaults to).
    """
    rng = random.Random(seed)
    lines = [
        "name: synthetic-50k",
        "description: Generated for benchmarks/glossary_matching.py",
        "version: 1",
        "entries:",
    ]
    for i in range(entries):
        kind = ("person", "person", "place", "organisation", "term")[i % 5]
        given, family = _word(2 * i, rng), _word(2 * i + 1, rng)
        if kind == "person":
            forms = [f"{given} {family}", f"{given} {family}ي"]
        elif kind == "place":
            forms = [f"{family}ستان", f"جمهورية {family}ستان"]
        elif kind == "organisation":
            forms = [f"منظمة {given} {family}", f"هيئة {given} {family}"]
        else:
            forms = [f"{given}{family}", f"ال{given}{family}"]
        lines.append(f"  - english: {kind.title()} {i:05d}")
        lines.append(f"    arabic: [{', '.join(forms)}]")
        lines.append(f"    type: {kind}")
    return "\n".join(lines) + "\n"


def _best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        _clear_caches()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def _clear_caches() -> None:
    # Cold start for every run: the caches would otherwise carry work over.
    clear_token_caches()
    clear_variant_caches()


def accuracy() -> dict[str, Any]:
    lines = (DATA / "names.ar").read_text(encoding="utf-8").splitlines()
    expected = [
        json.loads(line)
        for line in (DATA / "names.terms.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    matcher = load_glossaries([]).matcher()
    tp = fp = fn = clitic_ok = clitics = variants = 0
    for text, record in zip(lines, expected, strict=True):
        found = {(m.start, m.end, m.rendering): m for m in matcher.find(text)}
        wanted = {(e["start"], e["end"], e["rendering"]): e for e in record["matches"]}
        tp += len(found.keys() & wanted.keys())
        fp += len(found.keys() - wanted.keys())
        fn += len(wanted.keys() - found.keys())
        for key in found.keys() & wanted.keys():
            clitic_ok += found[key].clitic == wanted[key]["clitic"]
            variants += found[key].variant
        clitics += sum(1 for e in record["matches"] if e["clitic"])
    return {
        "sentences": len(lines),
        "expected_matches": tp + fn,
        "expected_with_proclitic": clitics,
        "matched_through_variants": variants,
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "clitic_exact": clitic_ok / tp if tp else 1.0,
    }


def load_times(entries: int, repeat: int) -> tuple[dict[str, Any], Glossary]:
    """Cold-start load times (every cache cleared before each run; best of ``repeat``)."""
    text = generate_glossary(entries)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.yaml"
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size
        read_s, _ = _best(lambda: read_glossary_bytes(path), repeat)
        parse_s, _ = _best(lambda: parse_yaml(text, str(path)), repeat)
        validate_s, _ = _best(lambda: parse_glossary_text(text, str(path)), repeat)
        total_s, glossary = _best(lambda: _loaded(load_glossary(path)), repeat)
        with_default_s, _ = _best(
            lambda: _loaded(load_glossaries([path], include_default=True)), repeat
        )
    forms = sum(len(e.forms) for e in glossary.entries)
    return {
        "entries": len(glossary.entries),
        "forms": forms,
        "file_bytes": size,
        "read_utf8_s": round(read_s, 4),
        "yaml_parse_s": round(parse_s, 4),
        "schema_and_checks_s": round(max(validate_s - parse_s, 0.0), 4),
        "matcher_build_s": round(max(total_s - validate_s - read_s, 0.0), 4),
        "load_excluding_parse_s": round(max(total_s - parse_s - read_s, 0.0), 4),
        "load_including_parse_s": round(total_s, 4),
        "load_glossaries_with_default_and_matcher_s": round(with_default_s, 4),
    }, glossary


def _loaded(glossary: Glossary) -> Glossary:
    glossary.matcher()
    return glossary


def _throughput(matcher: Matcher, lines: list[str], repeat: int) -> dict[str, Any]:
    chars = sum(len(line) for line in lines)
    best = min(_time_lines(matcher, lines) for _ in range(repeat))
    found = sum(len(matcher.find(line)) for line in lines)
    return {
        "lines": len(lines),
        "chars": chars,
        "matches": found,
        "seconds": round(best, 4),
        "lines_per_s": round(len(lines) / best, 1),
        "chars_per_s": round(chars / best),
        "microseconds_per_line": round(best / len(lines) * 1e6, 1),
    }


def _time_lines(matcher: Matcher, lines: list[str]) -> float:
    start = time.perf_counter()
    for line in lines:
        matcher.find(line)
    return time.perf_counter() - start


def throughput(big: Glossary, repeat: int) -> dict[str, Any]:
    source = SHARED / "flores-dev.ar"
    if not source.is_file():
        source = DATA / "names.ar"
    lines = source.read_text(encoding="utf-8").splitlines()
    default = load_glossaries([]).matcher()
    large = big.matcher()
    long_line = " ".join(lines)
    scaling = {}
    for factor in (1, 4, 16):
        text = " ".join([long_line] * factor)
        seconds = min(_time_lines(default, [text]) for _ in range(repeat))
        scaling[f"x{factor}"] = {"chars": len(text), "seconds": round(seconds, 4)}
    return {
        "text": source.name,
        "default_glossary": _throughput(default, lines, repeat),
        "synthetic_glossary": _throughput(large, lines, repeat),
        "one_line_scaling_default_glossary": scaling,
    }


def tico19_coverage() -> dict[str, Any] | None:
    """Matcher coverage of the TICO-19 terms on tico19-test (when ../shared/data exists).

    For every occurrence of a TSV term's English in a reference line (whole words; case
    ignored unless the term has capitals; only the longest of overlapping terms): did the
    matcher find, in the Arabic source line, an entry holding one of that term's Arabic
    forms? This is the ceiling for term enforcement on the set.
    """
    terms_path, src_path, ref_path = (
        SHARED / "tico19-terms.tsv",
        SHARED / "tico19-test.ar",
        SHARED / "tico19-test.en",
    )
    if not (terms_path.is_file() and src_path.is_file() and ref_path.is_file()):
        return None
    import re

    from translate.glossary.io_tsv import import_terms, read_term_rows

    rows, _ = read_term_rows(terms_path)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "tico19.yaml"
        report = import_terms(terms_path, out)
        glossary = load_glossaries([out], include_default=False)
    owner = {tuple(form_tokens(f)): e.english for e in glossary.entries for f in e.forms}
    targets: dict[str, set[str]] = {}
    for _, english, arabic in rows:
        stripped = re.sub(r"\s*\([^()]*\)\s*", " ", arabic)
        for form in (arabic, stripped):
            entry = owner.get(tuple(form_tokens(" ".join(form.split()))))
            if entry is not None:
                targets.setdefault(english, set()).add(entry)
    # Acronyms and names (any capital letter) must match in case: "WHO" is not "who".
    patterns = {
        english: re.compile(
            r"(?<!\w)" + re.escape(english) + r"(?!\w)",
            0 if english != english.lower() else re.IGNORECASE,
        )
        for english in targets
    }
    matcher = glossary.matcher()
    sources = src_path.read_text(encoding="utf-8").splitlines()
    references = ref_path.read_text(encoding="utf-8").splitlines()
    occurrences = found = lines_with_terms = 0
    for source, reference in zip(sources, references, strict=True):
        spans: dict[tuple[int, int], set[str]] = {}
        for english, pattern in patterns.items():
            for hit in pattern.finditer(reference):
                spans.setdefault(hit.span(), set()).update(targets[english])
        if not spans:
            continue
        # Count only the longest term occurrences, as the matcher reports only the
        # longest Arabic match ("COVID" inside "COVID-19" is one occurrence, not two).
        kept: list[tuple[int, int]] = []
        for span in sorted(spans, key=lambda sp: (sp[0] - sp[1], sp[0])):
            if all(span[1] <= a or span[0] >= b for a, b in kept):
                kept.append(span)
        lines_with_terms += 1
        matched = {m.entry.english for m in matcher.find(source)}
        for span in kept:
            occurrences += 1
            found += bool(spans[span] & matched)
    return {
        "terms_rows": report.rows,
        "glossary_entries": report.entries,
        "test_lines": len(sources),
        "lines_whose_reference_has_a_term": lines_with_terms,
        "term_occurrences_in_references": occurrences,
        "found_by_matcher_in_source": found,
        "coverage": round(found / occurrences, 4) if occurrences else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    results: dict[str, Any] = {
        "benchmark": "glossary_matching",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average_before": os.getloadavg(),
    }
    results["names_set"] = accuracy()
    results["load"], big = load_times(args.entries, args.repeat)
    results["throughput"] = throughput(big, args.repeat)
    results["tico19_test_coverage"] = tico19_coverage()
    results["load_average_after"] = os.getloadavg()
    ratio = [
        v["seconds"] for v in results["throughput"]["one_line_scaling_default_glossary"].values()
    ]
    results["scaling_seconds_ratio_x16_over_x1"] = (
        round(ratio[-1] / ratio[0], 2) if ratio[0] else None
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, args.out)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    names = results["names_set"]
    ok = names["precision"] == 1.0 and names["recall"] == 1.0
    print(
        f"names set: P={names['precision']:.3f} R={names['recall']:.3f}; "
        f"{args.entries} entries load {results['load']['load_including_parse_s']}s with parse, "
        f"{results['load']['load_excluding_parse_s']}s without",
        file=sys.stderr,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
