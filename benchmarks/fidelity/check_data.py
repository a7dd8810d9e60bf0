"""Check the fidelity benchmark data and compute ``model_right_but_names`` for every line.

    python benchmarks/fidelity/check_data.py                  # check; exit 1 on any problem
    python benchmarks/fidelity/check_data.py --write          # rewrite the field in the jsonl
    python benchmarks/fidelity/check_data.py --show           # also print each line's diff
    python benchmarks/fidelity/check_data.py --train-dir /tmp/toycorpus   # novelty vs train too

The script translates ``fidelity.ar`` with the toy-news model and NO glossary (``translate -m
toy-news --no-default-glossary``, or ``--hypotheses FILE`` to use an output already made) and
applies the rule below to each line. It also checks the files themselves: same number of
lines, UTF-8 with LF endings, one jsonl object per line with the documented keys, every term
written in its Arabic line and rendered in its reference, no line equal to a line of the toy
corpus, and (reported, not failed) where the current glossary matcher disagrees with a term's
``expect_enforced``.

The rule for ``model_right_but_names``
--------------------------------------
Reference and output are cut into tokens: whitespace-separated words, with the punctuation
``.,:;!?()«»"'#`` at either end of a word split off as tokens of its own. The two token lists
are aligned with :class:`difflib.SequenceMatcher` (no junk heuristic). The line counts as
model-right-but-names when every stretch where they differ

1. covers at least one reference token (an output word added between matching reference
   words is an error, not a name), and every reference token it covers lies inside an
   occurrence of a term's English rendering in the reference (any term of the line, held
   out or not); and
2. puts in its place only name-like output tokens: no punctuation token and no word of the
   toy world's non-name vocabulary (the words of ``benchmarks/toy/data/{dev,test}.en``
   other than the people's names), so that a name the model replaced by a title
   ("Algerian Foreign Minister Galuzin" for "Ashtiani") does not count. An empty
   replacement (the model dropped the name) is allowed.

So the line is right apart from its names exactly when putting the reference's renderings
back into the name slots of the output gives the reference.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
DATA = HERE / "data"
TOY = REPO_ROOT / "benchmarks" / "toy"
TOY_DATA = TOY / "data"

PUNCTUATION = ".,:;!?()«»\"'#"
JSONL_KEYS = {"line", "categories", "terms", "traps", "model_right_but_names"}
TERM_KEYS = {"arabic", "english", "held_out", "expect_enforced"}
TRAP_KEYS = {"arabic", "meaning"}


def tokenize(text: str) -> list[str]:
    """Whitespace words, with leading and trailing punctuation split off one mark at a time."""
    tokens: list[str] = []
    for word in text.split():
        head: list[str] = []
        tail: list[str] = []
        while word and word[0] in PUNCTUATION:
            head.append(word[0])
            word = word[1:]
        while word and word[-1] in PUNCTUATION:
            tail.insert(0, word[-1])
            word = word[:-1]
        tokens.extend(head)
        if word:
            tokens.append(word)
        tokens.extend(tail)
    return tokens


def term_positions(reference: Sequence[str], renderings: Sequence[str]) -> set[int]:
    """Indices of the reference tokens that belong to an occurrence of any rendering."""
    covered: set[int] = set()
    for rendering in renderings:
        needle = tokenize(rendering)
        if not needle:
            continue
        for start in range(len(reference) - len(needle) + 1):
            if list(reference[start : start + len(needle)]) == needle:
                covered.update(range(start, start + len(needle)))
    return covered


@dataclass(frozen=True)
class Verdict:
    right: bool
    diffs: tuple[tuple[str, str, bool], ...]  # (reference span, output span, acceptable)


def judge(
    reference: str, output: str, renderings: Sequence[str], non_names: frozenset[str]
) -> Verdict:
    """Apply the documented rule to one line."""
    ref = tokenize(reference)
    hyp = tokenize(output)
    names = term_positions(ref, renderings)
    matcher = difflib.SequenceMatcher(None, ref, hyp, autojunk=False)
    diffs: list[tuple[str, str, bool]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ok = i2 > i1 and all(i in names for i in range(i1, i2))
        ok = ok and all(tok not in PUNCTUATION and tok not in non_names for tok in hyp[j1:j2])
        diffs.append((" ".join(ref[i1:i2]), " ".join(hyp[j1:j2]), ok))
    return Verdict(all(ok for _, _, ok in diffs), tuple(diffs))


def toy_people_words() -> set[str]:
    """Every word of every person's English name in the toy world."""
    sys.path.insert(0, str(TOY))
    try:
        import toy_lexicon  # benchmarks/toy is not a package
    finally:
        sys.path.remove(str(TOY))
    words: set[str] = set()
    for person in (*toy_lexicon.TRAINING_PEOPLE, *toy_lexicon.HELD_OUT_PEOPLE):
        words.update(tokenize(f"{person.first_en} {person.last_en}"))
    return words


def non_name_vocabulary() -> frozenset[str]:
    """Words of the toy corpus's English (dev and test) that are not parts of people's names."""
    vocabulary: set[str] = set()
    for name in ("dev.en", "test.en"):
        for line in (TOY_DATA / name).read_text(encoding="utf-8").splitlines():
            vocabulary.update(tokenize(line))
    vocabulary -= toy_people_words()
    return frozenset(vocabulary)


def read_lines(path: Path, problems: list[str]) -> list[str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{path.name}: not UTF-8 ({exc})")
        text = raw.decode("utf-8", errors="replace")
    if "\r" in text:
        problems.append(f"{path.name}: has CR characters (LF line endings expected)")
    if text and not text.endswith("\n"):
        problems.append(f"{path.name}: no final newline")
    return text.splitlines()


def check_record(n: int, record: dict[str, Any], ar: str, en: str, problems: list[str]) -> None:
    where = f"fidelity.jsonl line {n}"
    if set(record) != JSONL_KEYS:
        problems.append(f"{where}: keys {sorted(record)} (expected {sorted(JSONL_KEYS)})")
        return
    if record["line"] != n:
        problems.append(f"{where}: 'line' is {record['line']}")
    if not record["categories"] or not all(isinstance(c, str) for c in record["categories"]):
        problems.append(f"{where}: needs one or more categories")
    for term in record["terms"]:
        if set(term) != TERM_KEYS:
            problems.append(f"{where}: term keys {sorted(term)}")
            continue
        if term["arabic"] not in ar:
            problems.append(f"{where}: term {term['arabic']!r} is not in the Arabic line")
        if term["english"] not in en:
            problems.append(f"{where}: rendering {term['english']!r} is not in the reference")
    for trap in record["traps"]:
        if set(trap) != TRAP_KEYS:
            problems.append(f"{where}: trap keys {sorted(trap)}")
        elif trap["arabic"] not in ar:
            problems.append(f"{where}: trap {trap['arabic']!r} is not in the Arabic line")
    if "no_term" in record["categories"] and record["terms"]:
        problems.append(f"{where}: tagged no_term but has terms")


def check_novelty(lines: Sequence[str], corpus_dirs: Sequence[Path], problems: list[str]) -> None:
    for folder in corpus_dirs:
        for name in ("train.ar", "dev.ar", "test.ar"):
            path = folder / name
            if not path.exists():
                continue
            seen = set(path.read_text(encoding="utf-8").splitlines())
            for n, line in enumerate(lines, 1):
                if line in seen:
                    problems.append(f"fidelity.ar line {n} is a line of {path}")
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    problems.extend(f"fidelity.ar repeats the line {line!r}" for line, c in counts.items() if c > 1)


def run_translate(args: Sequence[str], stdin_path: Path) -> str:
    command = [sys.executable, "-m", "translate", *args]
    with stdin_path.open("rb") as handle:
        done = subprocess.run(
            command, stdin=handle, capture_output=True, cwd=REPO_ROOT, check=False
        )
    if done.returncode != 0:
        raise SystemExit(
            f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}"
        )
    return done.stdout.decode("utf-8")


def translate_without_glossary(source: Path) -> list[str]:
    output = run_translate(["-m", "toy-news", "--no-default-glossary", "--offline"], source)
    return output.splitlines()


def matcher_report(
    source: Path, glossary: Path, arabic: Sequence[str], records: Sequence[dict[str, Any]]
) -> list[str]:
    """Where the current matcher (benchmark and default glossary) contradicts the data: terms
    against their ``expect_enforced``, and traps that it matches."""
    output = run_translate(["glossary", "match", "--json", str(glossary)], source)
    found: dict[int, list[dict[str, Any]]] = {}
    for row in output.splitlines():
        if row.strip():
            match = json.loads(row)
            found.setdefault(match["line"], []).append(match)
    notes: list[str] = []
    for record in records:
        matches = found.get(record["line"], [])
        surfaces = {m["arabic"]: m["rendering"] for m in matches}
        for term in record["terms"]:
            got = surfaces.get(term["arabic"])
            if term["expect_enforced"] and got != term["english"]:
                notes.append(f"line {record['line']}: {term['arabic']} expected, matcher: {got}")
            if not term["expect_enforced"] and got is not None:
                notes.append(f"line {record['line']}: {term['arabic']} matched ({got})")
        for trap in record["traps"]:
            spans = word_spans(arabic[record["line"] - 1], trap["arabic"])
            for m in matches:
                if any(m["start"] < end and start < m["end"] for start, end in spans):
                    notes.append(
                        f"line {record['line']}: trap {trap['arabic']} matched as {m['rendering']}"
                    )
    return notes


def word_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``text`` as whole words (not inside a longer word)."""
    pattern = rf"(?<![\w\u0600-\u06ff]){re.escape(needle)}(?![\w\u0600-\u06ff])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with fidelity.*")
    parser.add_argument("--hypotheses", type=Path, help="no-glossary output to judge")
    parser.add_argument("--train-dir", type=Path, help="regenerated toy corpus (train.ar)")
    parser.add_argument("--write", action="store_true", help="store the computed field")
    parser.add_argument("--show", action="store_true", help="print every line's differences")
    parser.add_argument("--no-matcher", action="store_true", help="skip the matcher report")
    args = parser.parse_args(argv)

    problems: list[str] = []
    ar_path, en_path = args.data / "fidelity.ar", args.data / "fidelity.en"
    jsonl_path = args.data / "fidelity.jsonl"
    ar = read_lines(ar_path, problems)
    en = read_lines(en_path, problems)
    records = [json.loads(row) for row in read_lines(jsonl_path, problems)]
    if not len(ar) == len(en) == len(records):
        problems.append(f"line counts differ: ar {len(ar)}, en {len(en)}, jsonl {len(records)}")
    for n, (record, a, e) in enumerate(zip(records, ar, en), 1):
        check_record(n, record, a, e, problems)
    dirs = [TOY_DATA] + ([args.train_dir] if args.train_dir else [])
    check_novelty(ar, dirs, problems)

    if args.hypotheses:
        hypotheses = args.hypotheses.read_text(encoding="utf-8").splitlines()
    else:
        hypotheses = translate_without_glossary(ar_path)
    if len(hypotheses) != len(ar):
        problems.append(f"{len(hypotheses)} output lines for {len(ar)} source lines")
    non_names = non_name_vocabulary()
    right = 0
    for record, reference, output in zip(records, en, hypotheses):
        verdict = judge(reference, output, [t["english"] for t in record["terms"]], non_names)
        right += verdict.right
        if args.show:
            mark = "ok " if verdict.right else "BAD"
            print(f"{record['line']:4} {mark} {reference}\n          {output}")
            for ref_span, hyp_span, ok in verdict.diffs:
                print(f"          {'name' if ok else 'ERR '}: {ref_span!r} -> {hyp_span!r}")
        if args.write:
            record["model_right_but_names"] = verdict.right
        elif record.get("model_right_but_names") != verdict.right:
            problems.append(
                f"line {record['line']}: model_right_but_names is "
                f"{record.get('model_right_but_names')}, computed {verdict.right}"
            )
    if args.write:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="\n", dir=args.data, delete=False
        ) as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        Path(handle.name).replace(jsonl_path)

    if not args.no_matcher:
        for note in matcher_report(ar_path, args.data / "glossary.yaml", ar, records):
            print(f"matcher: {note}")
    print(f"{len(ar)} lines; model_right_but_names: {right}")
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
