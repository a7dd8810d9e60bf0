"""Sentence-boundary F1 of ``split_sentences`` against a plain regex, on real Arabic text.

The documents are the shared evaluation data re-joined into paragraphs, because that is
what users paste: a corpus with one sentence a line tests nothing.

* ``wikipedia``: FLORES-200 dev (Wikinews, Wikibooks, Wikivoyage), ``flores-dev.ar``.
* ``news``: the article ``sample-news.ar.txt``.
* ``tico19``: TICO-19 dev + test (Wikipedia, PubMed, Wikinews, medical dialogues);
  reported, no target.

Paragraphs: consecutive non-blank lines are joined with a space into paragraphs of 3 to
6 lines (sizes drawn with a fixed seed); a line that does not end in ``. ! ? ؟ …``
(optionally followed by closing quotes or brackets) closes its paragraph, as titles,
captions and cut-off lines stand on their own line in a real document -- no splitter
can find a boundary that has no mark.

Gold boundaries: every join between two lines of a paragraph, and, inside a line, every
run of ``. ! ? ؟ …`` (with closing quotes or brackets) that is followed by whitespace
or directly by an Arabic letter (``المرض.وفي``) -- except the candidates listed in
``NOT_BOUNDARIES`` (an ellipsis marking an omission, "Yahoo!", "Inc.", the title "د.")
and the joins after the lines in ``LINE_CONTINUES`` (a sentence the corpus broke across
two lines); every such candidate of the three corpora was judged by reading. ``؛`` is
never a boundary, by rule: it joins clauses of one sentence, and the English
references render it as ";" or ",". The end of a paragraph is not counted (every
splitter gets it right). Boundaries are compared as positions counted in non-space
characters, so stripping differences do not matter.

Both splitters see each paragraph after :func:`normalize_text`, as the pipeline does.
The baseline splits after ``. ! ? ؟`` (and any closing quotes or brackets) followed by
whitespace. The hard-case set ``tests/data/segment_hard_cases.jsonl`` is scored too
(whole-case exact match).

Writes ``benchmarks/results/segmentation.json`` and prints a summary; exits 0 when the
shared data is absent (corpora are then reported as missing).

Run: ``python benchmarks/segmentation.py [--data DIR] [--seed N] [--errors N]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from translate.text.normalize import normalize_text  # noqa: E402
from translate.text.segment import split_sentences  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results" / "segmentation.json"
HARD_CASES = ROOT / "tests" / "data" / "segment_hard_cases.jsonl"
CORPORA: dict[str, tuple[str, ...]] = {
    "news": ("sample-news.ar.txt",),
    "wikipedia": ("flores-dev.ar",),
    "tico19": ("tico19-dev.ar", "tico19-test.ar"),
}
TARGETS = {"news": 0.998, "wikipedia": 0.998}
SEED = 13
SIZES = (3, 6)

# Candidates that are no sentence end, by (file, 1-based line): the text that ends right
# at the candidate (mark plus closers), after normalize_text.
NOT_BOUNDARIES: dict[tuple[str, int], tuple[str, ...]] = {
    ("flores-dev.ar", 41): ("يقرأون، ...",),  # an omission inside a quotation
    ("flores-dev.ar", 71): ('Inc."',),  # "HK Management Inc." is a name
    ("flores-dev.ar", 148): ("ياهو!",),  # "Yahoo!" and Microsoft's services
    ("flores-dev.ar", 452): ("القصص...",),  # "…، رواية القصص... إلخ)"
    ("flores-dev.ar", 957): ("إلخ...",),  # "etc." inside the sentence
    ("tico19-test.ar", 786): ("د.",),  # "د. ميرجادي": Dr.
    ("tico19-test.ar", 787): ("د.",),
}

# Lines that end with a mark but not with their sentence: the corpus broke the sentence
# across two lines ("… مع Novavax Inc." / "في تطوير لقاح وتصنيعه.").
LINE_CONTINUES: frozenset[tuple[str, int]] = frozenset({("tico19-test.ar", 1837)})

_ARABIC_LETTER = "\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff"
_CLOSERS = "\"'»”’)\\]}›"
_CANDIDATE_RE = re.compile(rf"[.!?؟…]+[{_CLOSERS}]*(?=\s+\S|[{_ARABIC_LETTER}])")
_LINE_END_RE = re.compile(rf"[.!?؟…][{_CLOSERS}]*$")
_BASELINE_RE = re.compile(rf"[.!?؟]+[{_CLOSERS}]*(?=\s)")

Splitter = Callable[[str], list[str]]


def regex_baseline(text: str) -> list[str]:
    """Split after ``. ! ? ؟`` plus closing quotes and brackets, when whitespace follows."""
    pieces: list[str] = []
    start = 0
    for match in _BASELINE_RE.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


@dataclass
class Paragraph:
    text: str
    gold: frozenset[int]  # boundary positions, in non-space characters
    source: str  # "file:first-last"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    def as_json(self, errors: int) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "f1": round(f1, 4),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "errors": self.errors[:errors],
        }


def _nonspace(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def line_boundaries(path: Path, number: int, line: str) -> list[int]:
    """Gold boundaries inside one normalised line, in non-space characters."""
    excluded = list(NOT_BOUNDARIES.get((path.name, number), ()))
    found: list[int] = []
    for match in _CANDIDATE_RE.finditer(line):
        snippet = next((s for s in excluded if line[: match.end()].endswith(s)), None)
        if snippet is not None:
            excluded.remove(snippet)
            continue
        found.append(_nonspace(line[: match.end()]))
    if excluded:
        raise ValueError(f"{path.name}:{number}: no candidate ends with {excluded}")
    return found


def paragraphs(paths: Sequence[Path], seed: int) -> Iterator[Paragraph]:
    rng = random.Random(seed)
    for path in paths:
        lines = path.read_text(encoding="utf-8").split("\n")
        numbered = [
            (number, normalize_text(line).strip())
            for number, line in enumerate(lines, start=1)
            if line.strip()
        ]
        index = 0
        while index < len(numbered):
            size = rng.randint(*SIZES)
            group: list[tuple[int, str]] = []
            while index < len(numbered) and len(group) < size:
                group.append(numbered[index])
                index += 1
                if not _LINE_END_RE.search(group[-1][1]):
                    break
            gold: set[int] = set()
            offset = 0
            for position, (number, line) in enumerate(group):
                gold.update(offset + b for b in line_boundaries(path, number, line))
                offset += _nonspace(line)
                if position < len(group) - 1 and (path.name, number) not in LINE_CONTINUES:
                    gold.add(offset)
            yield Paragraph(
                " ".join(line for _, line in group),
                frozenset(gold),
                f"{path.name}:{group[0][0]}-{group[-1][0]}",
            )


def predicted(splitter: Splitter, text: str) -> frozenset[int]:
    positions: list[int] = []
    total = 0
    for sentence in splitter(text)[:-1]:
        total += _nonspace(sentence)
        positions.append(total)
    return frozenset(positions)


def _context(text: str, position: int) -> str:
    """The paragraph around the ``position``-th non-space character, boundary marked."""
    count = 0
    for index, char in enumerate(text):
        if count == position:
            return text[max(0, index - 50) : index] + " ‖ " + text[index : index + 30]
        count += not char.isspace()
    return text[-50:] + " ‖"


def score(splitter: Splitter, items: Sequence[Paragraph]) -> Score:
    result = Score()
    for paragraph in items:
        guess = predicted(splitter, paragraph.text)
        result.tp += len(guess & paragraph.gold)
        for kind, positions in (("fp", guess - paragraph.gold), ("fn", paragraph.gold - guess)):
            for position in sorted(positions):
                setattr(result, kind, getattr(result, kind) + 1)
                result.errors.append(
                    {
                        "kind": kind,
                        "source": paragraph.source,
                        "at": _context(paragraph.text, position),
                    }
                )
    return result


def load_hard_cases(path: Path = HARD_CASES) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def hard_case_score(splitter: Splitter, cases: Sequence[dict[str, Any]]) -> dict[str, Any]:
    failed = [c["id"] for c in cases if splitter(c["text"]) != c["sentences"]]
    return {"passed": len(cases) - len(failed), "total": len(cases), "failed": failed}


def evaluate(data: Path, seed: int = SEED) -> dict[str, Any]:
    """F1 of both splitters on every corpus present under ``data``."""
    splitters: dict[str, Splitter] = {"ours": split_sentences, "regex": regex_baseline}
    corpora: dict[str, Any] = {}
    for name, files in CORPORA.items():
        paths = [data / f for f in files]
        if not all(p.is_file() for p in paths):
            corpora[name] = {"missing": [str(p) for p in paths if not p.is_file()]}
            continue
        items = list(paragraphs(paths, seed))
        corpora[name] = {
            "files": list(files),
            "paragraphs": len(items),
            "gold_boundaries": sum(len(p.gold) for p in items),
            "target_f1": TARGETS.get(name),
            **{key: score(fn, items) for key, fn in splitters.items()},
        }
    return corpora


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--errors", type=int, default=20, help="errors listed per splitter")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    began = time.perf_counter()
    corpora = evaluate(args.data, args.seed)
    cases = load_hard_cases()
    for corpus in corpora.values():
        for key in ("ours", "regex"):
            if key in corpus:
                corpus[key] = corpus[key].as_json(args.errors)
    report = {
        "benchmark": "segmentation",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "data": str(args.data),
        "seed": args.seed,
        "paragraph_lines": list(SIZES),
        "corpora": corpora,
        "hard_cases": {
            "file": str(HARD_CASES.relative_to(ROOT)),
            "ours": hard_case_score(split_sentences, cases),
            "regex": hard_case_score(regex_baseline, cases),
        },
        "seconds": round(time.perf_counter() - began, 2),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")

    for name, corpus in corpora.items():
        if "missing" in corpus:
            print(f"{name:10} missing: {', '.join(corpus['missing'])}")
            continue
        ours, regex = corpus["ours"], corpus["regex"]
        print(
            f"{name:10} boundaries {corpus['gold_boundaries']:5}  "
            f"ours F1 {ours['f1']:.4f} (fp {ours['fp']}, fn {ours['fn']})  "
            f"regex F1 {regex['f1']:.4f} (fp {regex['fp']}, fn {regex['fn']})"
        )
    hard = report["hard_cases"]
    print(
        f"hard cases ours {hard['ours']['passed']}/{hard['ours']['total']}  "
        f"regex {hard['regex']['passed']}/{hard['regex']['total']}"
    )
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
