"""Glossary matcher precision on real Arabic text, against matches judged by reading.

``benchmarks/data/real_matches.jsonl`` holds matches of the default glossary in the shared
evaluation data (``sample-news.ar.txt``, ``flores-dev.ar``, ``tico19-dev.ar``,
``tico19-test.ar``), each labelled ``true`` (the words really are that entry in context)
or ``false`` (with a ``why``); ``benchmarks/data/real_matches.md`` says how they were
chosen and judged. Offsets are in the line after :func:`normalize_text`, as the
translation pipeline matches it.

For every annotated line this script normalises the line, runs the matcher of the
default glossary and compares, keyed by span and entry:

* found and annotated ``true``: true positive;
* found and annotated ``false``: false positive (``harmless`` ones, where the English
  happens to be right anyway, are also counted apart);
* annotated ``true`` but not found: false negative (recall on the annotated positives);
* annotated ``false`` and not found: a negative correctly left alone (``guard`` rows are
  common words the current glossary never matched, kept so that a new form, clitic or
  variant rule that starts matching them shows up as a false positive);
* found but not annotated (or annotated for another entry): unjudged -- judge it and add
  it to the annotations.

Writes ``benchmarks/results/matcher_precision.json`` and prints a summary; exits 0 (also
when the shared data is absent, which it is for users who clone the project).

Run: ``python benchmarks/matcher_precision.py [--data DIR] [--glossary FILE ...]
[--no-default-glossary] [--all-lines]``. ``--glossary`` tries a candidate glossary file
(later files override earlier ones, as in ``translate --glossary``); ``--all-lines``
also scans every line of the four files and lists matches on unannotated lines.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from translate.glossary import Match, load_glossaries  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
ANNOTATIONS = ROOT / "benchmarks" / "data" / "real_matches.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "matcher_precision.json"
FILES = ("sample-news.ar.txt", "flores-dev.ar", "tico19-dev.ar", "tico19-test.ar")
LIST_LIMIT = 200  # at most this many unjudged matches listed per group in the JSON

Span = tuple[str, int, int, int]  # file, line, start, end


def _normalizer() -> Callable[[str], str]:
    """The pipeline's ``normalize_text`` (its module moved once; accept either place)."""
    for module in ("translate.text.normalize", "translate.normalize"):
        try:
            return cast(Callable[[str], str], importlib.import_module(module).normalize_text)
        except (ImportError, AttributeError):
            continue
    raise SystemExit("matcher_precision: cannot import translate's normalize_text")


@dataclass(frozen=True)
class Found:
    file: str
    line: int
    start: int
    end: int
    surface: str
    english: str
    type: str | None
    variant: bool
    clitic: str
    context: str

    @classmethod
    def of(cls, file: str, line: int, text: str, match: Match) -> Found:
        return cls(
            file=file,
            line=line,
            start=match.start,
            end=match.end,
            surface=match.surface,
            english=match.entry.english,
            type=match.entry.type,
            variant=match.variant,
            clitic=match.clitic,
            context=_context(text, match.start, match.end),
        )

    @property
    def span(self) -> Span:
        return (self.file, self.line, self.start, self.end)

    def brief(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "english": self.english,
            "type": self.type,
            "variant": self.variant,
            "clitic": self.clitic,
            "context": self.context,
        }


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    """At most ``width`` characters of ``text`` around ``[start, end)``."""
    room = max(width - (end - start), 0)
    left = max(0, start - room // 2)
    right = min(len(text), end + room - (start - left))
    left = max(0, min(left, right - width)) if right - left > width else left
    return text[left:right]


def read_annotations(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        row = json.loads(raw)
        for key in ("file", "line", "start", "end", "surface", "english", "label"):
            if key not in row:
                raise SystemExit(f"{path}:{number}: annotation without {key!r}")
        rows.append(row)
    return rows


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _row_brief(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("file", "line", "start", "end", "surface", "english", "clitic", "variant")
    brief = {k: row.get(k) for k in keys}
    for extra in ("why", "category", "harmless", "guard", "context"):
        if extra in row:
            brief[extra] = row[extra]
    return brief


def evaluate(
    annotations: list[dict[str, Any]],
    data: Path,
    glossaries: Iterable[Path],
    include_default: bool,
    all_lines: bool,
) -> dict[str, Any]:
    normalize_text = _normalizer()
    glossary = load_glossaries(list(glossaries), include_default=include_default)
    matcher = glossary.matcher()

    by_span: dict[Span, dict[str, Any]] = {}
    by_line: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    lines_wanted: dict[str, set[int]] = defaultdict(set)
    for row in annotations:
        by_span[(row["file"], row["line"], row["start"], row["end"])] = row
        by_line[(row["file"], row["line"])].append(row)
        lines_wanted[row["file"]].add(row["line"])

    stale: list[dict[str, Any]] = []
    found: list[Found] = []
    unannotated_lines: list[Found] = []
    missing_files: list[str] = []
    for name in sorted(set(lines_wanted) | (set(FILES) if all_lines else set())):
        path = data / name
        if not path.is_file():
            missing_files.append(name)
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        numbers = range(1, len(lines) + 1) if all_lines else sorted(lines_wanted[name])
        for number in numbers:
            if number > len(lines):
                stale.append({"file": name, "line": number, "problem": "no such line"})
                continue
            text = normalize_text(lines[number - 1])
            annotated_line = number in lines_wanted[name]
            for row in by_line.get((name, number), ()):
                at = text[row["start"] : row["end"]]
                if at != row["surface"]:
                    stale.append({**_row_brief(row), "problem": f"text at offsets is {at!r}"})
            for match in matcher.find(text):
                item = Found.of(name, number, text, match)
                (found if annotated_line else unannotated_lines).append(item)

    tp: list[tuple[Found, dict[str, Any]]] = []
    fp: list[tuple[Found, dict[str, Any]]] = []
    unjudged: list[dict[str, Any]] = []
    seen: set[Span] = set()
    for item in found:
        annotation = by_span.get(item.span)
        if annotation is None or annotation["english"] != item.english:
            brief = item.brief()
            if annotation is not None:
                brief["annotated_as"] = annotation["english"]
            unjudged.append(brief)
            continue
        seen.add(item.span)
        (tp if annotation["label"] else fp).append((item, annotation))

    fn = [r for span, r in by_span.items() if r["label"] and span not in seen]
    rejected = [r for span, r in by_span.items() if not r["label"] and span not in seen]

    def breakdown(predicate: Callable[[Found], bool]) -> dict[str, Any]:
        t = sum(1 for item, _ in tp if predicate(item))
        f = sum(1 for item, _ in fp if predicate(item))
        return {"true_positives": t, "false_positives": f, "precision": _ratio(t, t + f)}

    harmless = sum(1 for _, row in fp if row.get("harmless"))
    per_file: dict[str, dict[str, int]] = {}
    for name in sorted(lines_wanted):
        per_file[name] = {
            "annotated_lines": len(lines_wanted[name]),
            "true_positives": sum(1 for item, _ in tp if item.file == name),
            "false_positives": sum(1 for item, _ in fp if item.file == name),
        }
    labels = Counter(bool(r["label"]) for r in annotations)
    result: dict[str, Any] = {
        "benchmark": "matcher_precision",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "data": str(data),
        "glossary": glossary.name,
        "glossary_digest": glossary.digest,
        "glossary_files": [str(p) for p in glossary.sources] or None,
        "annotations": {
            "rows": len(annotations),
            "labelled_true": labels[True],
            "labelled_false": labels[False],
            "guards": sum(1 for r in annotations if r.get("guard")),
            "lines": sum(len(v) for v in lines_wanted.values()),
        },
        "precision": _ratio(len(tp), len(tp) + len(fp)),
        "precision_harmless_counted_correct": _ratio(len(tp) + harmless, len(tp) + len(fp)),
        "recall_on_annotated_positives": _ratio(len(tp), len(tp) + len(fn)),
        "counts": {
            "matches_on_annotated_lines": len(found),
            "true_positives": len(tp),
            "false_positives": len(fp),
            "false_positives_harmless": harmless,
            "false_negatives": len(fn),
            "negatives_not_matched": len(rejected),
            "unjudged": len(unjudged),
            "stale_annotations": len(stale),
        },
        "by_kind": {
            "variant_matches": breakdown(lambda m: m.variant),
            "exact_matches": breakdown(lambda m: not m.variant),
            "with_proclitic": breakdown(lambda m: bool(m.clitic)),
            "without_proclitic": breakdown(lambda m: not m.clitic),
            "single_word": breakdown(lambda m: " " not in m.surface.strip()),
            "multi_word": breakdown(lambda m: " " in m.surface.strip()),
        },
        "false_positives_by_category": dict(
            Counter(row.get("category", "uncategorised") for _, row in fp).most_common()
        ),
        "false_positives_by_entry": dict(Counter(item.english for item, _ in fp).most_common()),
        "per_file": per_file,
        "false_positives": [_row_brief(row) for _, row in fp],
        "false_negatives": [_row_brief(row) for row in fn],
        "unjudged": unjudged[:LIST_LIMIT],
        "stale_annotations": stale[:LIST_LIMIT],
        "missing_files": missing_files,
    }
    if all_lines:
        result["all_lines"] = {
            "matches_on_unannotated_lines": len(unannotated_lines),
            "by_entry": dict(Counter(m.english for m in unannotated_lines).most_common()),
            "variant_or_article_matches": [
                m.brief() for m in unannotated_lines if m.variant or m.clitic.endswith(("ال", "لل"))
            ][:LIST_LIMIT],
            "listed": [m.brief() for m in unannotated_lines][:LIST_LIMIT],
        }
    return result


def _summary(result: dict[str, Any]) -> str:
    counts = result["counts"]
    lines = [
        f"matcher precision on {result['annotations']['rows']} annotations "
        f"({result['annotations']['lines']} lines): "
        f"P={result['precision']} (harmless counted correct: "
        f"{result['precision_harmless_counted_correct']}), "
        f"recall on annotated positives={result['recall_on_annotated_positives']}",
        "  TP={true_positives} FP={false_positives} (harmless {false_positives_harmless}) "
        "FN={false_negatives} negatives left alone={negatives_not_matched} "
        "unjudged={unjudged} stale={stale_annotations}".format(**counts),
    ]
    for row in result["false_positives"]:
        lines.append(
            f"  FP {row['file']}:{row['line']} {row['surface']} -> {row['english']}: "
            f"{row.get('why', '')}"
        )
    for row in result["false_negatives"]:
        lines.append(f"  FN {row['file']}:{row['line']} {row['surface']} -> {row['english']}")
    for row in result["unjudged"]:
        lines.append(
            f"  UNJUDGED {row['file']}:{row['line']} {row['start']}-{row['end']} "
            f"{row['surface']} -> {row['english']} | {row['context']}"
        )
    for row in result["stale_annotations"]:
        lines.append(f"  STALE {row}")
    if result["missing_files"]:
        lines.append(f"  missing data files: {', '.join(result['missing_files'])}")
    if "all_lines" in result:
        extra = result["all_lines"]
        lines.append(
            f"  all lines: {extra['matches_on_unannotated_lines']} matches on unannotated "
            f"lines, {len(extra['variant_or_article_matches'])} through a variant or the "
            "article (listed in the JSON)"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--glossary",
        type=Path,
        action="append",
        default=[],
        help="extra glossary file, loaded after the default one (repeatable)",
    )
    parser.add_argument(
        "--no-default-glossary",
        action="store_true",
        help="leave the shipped default glossary out (to try a replacement file)",
    )
    parser.add_argument(
        "--all-lines",
        action="store_true",
        help="also scan every line of the four files and list matches on unannotated lines",
    )
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"matcher_precision: no shared data at {args.data}; nothing measured")
        return 0
    annotations = read_annotations(args.annotations)
    result = evaluate(
        annotations,
        args.data,
        args.glossary,
        include_default=not args.no_default_glossary,
        all_lines=args.all_lines,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, args.out)
    print(_summary(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
