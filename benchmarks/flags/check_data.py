"""Check the per-sentence flags evaluation data and measure the toy model on it.

    python benchmarks/flags/check_data.py                 # check the files, then run toy-news
    python benchmarks/flags/check_data.py --no-model      # check the files only
    python benchmarks/flags/check_data.py --show          # also print each numbers line's output
    python benchmarks/flags/check_data.py --train-dir /tmp/toycorpus   # novelty vs train too

Checks (exit 1 on any problem): UTF-8 with LF endings, no empty line, no surrounding
whitespace; ``numbers.ar``/``.en``/``.jsonl`` and ``out_of_template.ar``/``.en`` line-aligned;
one jsonl object per line with exactly the keys ``line``, ``numbers``, ``forms``, ``template``;
``numbers`` equal (in order) to the numbers this script finds in the Arabic line and equal
(as a multiset) to the numbers it finds in the English reference; every ``forms`` tag known
and consistent with the line (see ``derived_forms``); no Arabic letters or non-Western digits
in the references; no line repeated, and none equal to a line of the toy corpus
(``benchmarks/toy/data/{dev,test}.ar``, and ``train.ar`` of ``--train-dir``).

Then (unless ``--no-model``) it translates both sets with ``toy-news`` and NO glossary, and
prints: numbers lines the model gets exactly right, lines where a number is wrong or dropped
(the numbers of the output compared with the reference's, after Arabic-Indic and Persian
digits are made Western and thousands separators removed), and the mean model score
(``SentenceTranslation.score``, the length-normalised log-probability of the translation) of
numbers lines against out-of-template lines.

The number extractor here is deliberately small and self-contained (it is the definition the
data was written against, independent of the project's own number handling).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
TOY_DATA = HERE.parent / "toy" / "data"

FORMS = (
    "western",
    "arabic-indic",
    "persian",
    "decimal",
    "thousands",
    "percent",
    "year",
    "range",
    "time",
    "million",
)
KEYS = {"line", "numbers", "forms", "template"}

WESTERN = "0123456789"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"  # U+0660..U+0669
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0..U+06F9
_TO_WESTERN = str.maketrans(ARABIC_INDIC + PERSIAN, WESTERN + WESTERN)
_D = f"[{WESTERN}{ARABIC_INDIC}{PERSIAN}]"
# A time (10:30), else digits with thousands groups (1,100 / ١٬١٠٠) and a decimal part
# (3.5 / ٣٫٥). Digits glued to a Latin letter (G20) are not numbers. A range 10-15 gives
# two numbers. "." and "," count only between digits, so a full stop ends a number.
NUMBER_RE = re.compile(
    rf"(?<![A-Za-z]){_D}{{1,2}}:{_D}{{2}}(?!{_D})"
    rf"|(?<![A-Za-z]){_D}+(?:[,٬]{_D}{{3}}(?!{_D}))*(?:[.٫]{_D}+)?"
)
RANGE_RE = re.compile(rf"{_D}-{_D}")
PERCENT_RE = re.compile(r"[%٪]|بالمئة|في المئة|بالمائة|في المائة")
MILLION_RE = re.compile(r"مليون|ملايين")
ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")


def canonical(token: str) -> str:
    """Western digits, no thousands separators, '.' decimal; a time as H:MM."""
    text = token.translate(_TO_WESTERN)
    if ":" in text:
        hours, minutes = text.split(":")
        return f"{int(hours)}:{minutes}"
    return text.replace(",", "").replace("٬", "").replace("٫", ".")


def numbers_in(text: str) -> list[str]:
    return [canonical(m.group()) for m in NUMBER_RE.finditer(text)]


def is_year(value: str) -> bool:
    return value.isdigit() and len(value) == 4 and 1900 <= int(value) <= 2100


def derived_forms(arabic: str) -> set[str]:
    """The form tags that can be read off an Arabic line (``year`` and ``thousands`` by value:
    a whole number 1900-2100 is a year, any other value of 1000 or more is ``thousands``,
    written with a separator or without)."""
    tokens = [m.group() for m in NUMBER_RE.finditer(arabic)]
    values = [canonical(t) for t in tokens]
    forms: set[str] = set()
    if any(c in WESTERN for t in tokens for c in t):
        forms.add("western")
    if any(c in ARABIC_INDIC for t in tokens for c in t):
        forms.add("arabic-indic")
    if any(c in PERSIAN for t in tokens for c in t):
        forms.add("persian")
    if any("." in v for v in values):
        forms.add("decimal")
    if any(is_year(v) for v in values):
        forms.add("year")
    if any(":" not in v and not is_year(v) and float(v) >= 1000 for v in values):
        forms.add("thousands")
    if any(":" in v for v in values):
        forms.add("time")
    if RANGE_RE.search(arabic):
        forms.add("range")
    if PERCENT_RE.search(arabic):
        forms.add("percent")
    if MILLION_RE.search(arabic):
        forms.add("million")
    return forms


@cache
def _fidelity_checks() -> dict[str, Any]:
    import runpy

    return runpy.run_path(str(HERE.parent / "fidelity" / "check_data.py"))


def read_lines(path: Path, problems: list[str]) -> list[str]:
    """The lines of a data file, read and checked (UTF-8, LF, final newline) as the
    fidelity set's are (benchmarks/fidelity/check_data.py, run by path: benchmarks/ is
    not a package); here no line may be empty or padded either."""
    lines: list[str] = _fidelity_checks()["read_lines"](path, problems)
    for n, line in enumerate(lines, 1):
        if not line.strip():
            problems.append(f"{path.name}:{n}: empty line")
        elif line != line.strip():
            problems.append(f"{path.name}:{n}: surrounding whitespace")
    return lines


def check_reference(name: str, n: int, english: str, problems: list[str]) -> None:
    if ARABIC_LETTER_RE.search(english):
        problems.append(f"{name}:{n}: Arabic letters in the reference")
    if any(c in ARABIC_INDIC + PERSIAN + "٫٬٪" for c in english):
        problems.append(f"{name}:{n}: non-Western digits or signs in the reference")


def check_numbers(ar: list[str], en: list[str], records: list[dict], problems: list[str]) -> None:
    for n, (record, arabic, english) in enumerate(zip(records, ar, en), 1):
        where = f"numbers.jsonl:{n}"
        if set(record) != KEYS:
            problems.append(f"{where}: keys {sorted(record)}, expected {sorted(KEYS)}")
            continue
        if record["line"] != n:
            problems.append(f"{where}: line is {record['line']}")
        if not isinstance(record["template"], bool):
            problems.append(f"{where}: template is not a boolean")
        found = numbers_in(arabic)
        if record["numbers"] != found:
            problems.append(f"{where}: numbers {record['numbers']}, the Arabic has {found}")
        if not found:
            problems.append(f"{where}: no number in the Arabic line")
        in_reference = numbers_in(english)
        if Counter(in_reference) != Counter(record["numbers"]):
            problems.append(f"{where}: the reference has {in_reference}")
        unknown = [f for f in record["forms"] if f not in FORMS]
        if unknown:
            problems.append(f"{where}: unknown forms {unknown}")
        if len(set(record["forms"])) != len(record["forms"]):
            problems.append(f"{where}: a form is listed twice")
        derived = derived_forms(arabic)
        if set(record["forms"]) != derived:
            problems.append(f"{where}: forms {sorted(record['forms'])}, derived {sorted(derived)}")
        check_reference("numbers.en", n, english, problems)


def check_novelty(sets: dict[str, list[str]], toy_dirs: list[Path], problems: list[str]) -> None:
    seen: dict[str, str] = {}
    for name, lines in sets.items():
        for n, line in enumerate(lines, 1):
            if line in seen:
                problems.append(f"{name}:{n}: repeats {seen[line]}")
            seen.setdefault(line, f"{name}:{n}")
    for folder in toy_dirs:
        for split in ("train", "dev", "test"):
            path = folder / f"{split}.ar"
            if not path.exists():
                continue
            corpus = set(path.read_text(encoding="utf-8").splitlines())
            for line, where in seen.items():
                if line in corpus:
                    problems.append(f"{where}: a line of {path}")


def number_verdict(reference_numbers: list[str], output: str) -> tuple[list[str], list[str]]:
    """(reference numbers missing from the output, output numbers not in the reference)."""
    expected, produced = Counter(reference_numbers), Counter(numbers_in(output))
    return sorted((expected - produced).elements()), sorted((produced - expected).elements())


def describe(scores: list[float]) -> str:
    if not scores:
        return "n/a"
    return (
        f"mean {statistics.fmean(scores):.3f}  median {statistics.median(scores):.3f}  "
        f"min {min(scores):.3f}  max {max(scores):.3f}  (n={len(scores)})"
    )


def best_threshold(inside: list[float], outside: list[float]) -> tuple[float, float]:
    """The score threshold (flag below it) with the best balanced accuracy."""
    best = (0.0, float("-inf"))
    for t in sorted(set(inside + outside)):
        caught = sum(s < t for s in outside) / len(outside)
        kept = sum(s >= t for s in inside) / len(inside)
        accuracy = (caught + kept) / 2
        if accuracy > best[0]:
            best = (accuracy, t)
    return best[1], best[0]


def run_model(
    ar: list[str], en: list[str], records: list[dict], oot: list[str], show: bool
) -> None:
    from translate import TranslationOptions, Translator
    from translate.text.normalize import normalize_text

    translator = Translator("toy-news", TranslationOptions(threads=2))  # no glossary
    outputs = [r.text for r in translator.translate_lines(ar)]

    def score(line: str) -> float:
        result = translator.sentence_translator.translate([normalize_text(line)])[0]
        return float(result.score) if result.score is not None else float("nan")

    number_scores = [score(line) for line in ar]
    oot_scores = [score(line) for line in oot]

    exact, numbers_ok, wrong, dropped = [], [], [], []
    per_form: dict[str, Counter] = {f: Counter() for f in FORMS}
    per_template: dict[bool, Counter] = {True: Counter(), False: Counter()}
    for n, (record, reference, output) in enumerate(zip(records, en, outputs), 1):
        missing, extra = number_verdict(record["numbers"], output)
        if output.strip() == reference.strip():
            verdict = "exact"
            exact.append(n)
        elif missing or extra:
            verdict = "number-wrong" if extra else "number-dropped"
            wrong.append(n)
            if not extra:
                dropped.append(n)
        else:
            verdict = "numbers-ok"
            numbers_ok.append(n)
        for form in record["forms"]:
            per_form[form]["lines"] += 1
            per_form[form][verdict] += 1
        per_template[record["template"]]["lines"] += 1
        per_template[record["template"]][verdict] += 1
        if show:
            note = f" missing {missing} extra {extra}" if missing or extra else ""
            print(f"{n:4} {verdict:14} {number_scores[n - 1]:7.3f}{note}")
            print(f"     ref: {reference}\n     out: {output}")

    total = len(ar)
    print(f"numbers lines: {total}")
    print(f"  exactly right:              {len(exact):4} ({100 * len(exact) / total:.1f}%)")
    print(f"  numbers right, wording not: {len(numbers_ok):4}")
    print(
        f"  a number wrong or dropped:  {len(wrong):4} (only dropped, none wrong: {len(dropped)})"
    )
    print("  by form (lines / exact / number wrong or dropped):")
    for form in FORMS:
        c = per_form[form]
        bad = c["number-wrong"] + c["number-dropped"]
        print(f"    {form:13} {c['lines']:4} {c['exact']:5} {bad:5}")
    for flag in (True, False):
        c = per_template[flag]
        bad = c["number-wrong"] + c["number-dropped"]
        print(f"    template={flag!s:5} {c['lines']:4} {c['exact']:5} {bad:5}")
    print("model score (length-normalised log-prob, toy-news, no glossary):")
    print(f"  numbers lines:          {describe(number_scores)}")
    print(f"    exactly right:        {describe([number_scores[i - 1] for i in exact])}")
    print(f"    number wrong/dropped: {describe([number_scores[i - 1] for i in wrong])}")
    print(f"    numbers right, not exact: {describe([number_scores[i - 1] for i in numbers_ok])}")
    print(f"  out-of-template lines:  {describe(oot_scores)}")
    threshold, accuracy = best_threshold(number_scores, oot_scores)
    caught = sum(s < threshold for s in oot_scores)
    kept = sum(s >= threshold for s in number_scores)
    print(
        f"  best separating threshold: score < {threshold:.3f} flags {caught}/{len(oot_scores)} "
        f"out-of-template lines and {total - kept}/{total} numbers lines "
        f"(balanced accuracy {accuracy:.3f})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with the data files")
    parser.add_argument("--train-dir", type=Path, help="regenerated toy corpus (train.ar)")
    parser.add_argument("--no-model", action="store_true", help="check the files only")
    parser.add_argument("--show", action="store_true", help="print every numbers line's output")
    args = parser.parse_args(argv)

    problems: list[str] = []
    ar = read_lines(args.data / "numbers.ar", problems)
    en = read_lines(args.data / "numbers.en", problems)
    rows = read_lines(args.data / "numbers.jsonl", problems)
    records: list[dict] = []
    for n, row in enumerate(rows, 1):
        try:
            records.append(json.loads(row))
        except json.JSONDecodeError as error:
            problems.append(f"numbers.jsonl:{n}: {error}")
    if not len(ar) == len(en) == len(records):
        problems.append(f"numbers: ar {len(ar)}, en {len(en)}, jsonl {len(records)} lines")
    check_numbers(ar, en, records, problems)

    oot = read_lines(args.data / "out_of_template.ar", problems)
    oot_en = read_lines(args.data / "out_of_template.en", problems)
    if len(oot) != len(oot_en):
        problems.append(f"out_of_template: ar {len(oot)}, en {len(oot_en)} lines")
    for n, english in enumerate(oot_en, 1):
        check_reference("out_of_template.en", n, english, problems)
    for name, lines in (("numbers.ar", ar), ("out_of_template.ar", oot)):
        for n, line in enumerate(lines, 1):
            if not ARABIC_LETTER_RE.search(line):
                problems.append(f"{name}:{n}: no Arabic letter")
    dirs = [TOY_DATA] + ([args.train_dir] if args.train_dir else [])
    check_novelty({"numbers.ar": ar, "out_of_template.ar": oot}, dirs, problems)

    forms = Counter(f for r in records for f in r.get("forms", []))
    print(
        f"data: {len(ar)} numbers lines ({sum(r.get('template') is True for r in records)} "
        f"template), {len(oot)} out-of-template lines"
    )
    print("  forms: " + ", ".join(f"{f} {forms[f]}" for f in FORMS))
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    if problems:
        return 1
    if not args.no_model:
        run_model(ar, en, records, oot, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
