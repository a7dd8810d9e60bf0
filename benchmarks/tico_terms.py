"""TICO-19 terminology through the product's own commands, on the synthetic model.

1. ``translate glossary import`` turns ``tico19-terms.tsv`` into a glossary;
2. the matcher's coverage: for each reference line whose English contains a term, did
   the matcher find one of that term's Arabic forms in the source line?
3. ``translate`` translates ``tico19-test.ar`` with that glossary (and without the
   default one) on the tiny synthetic model, and ``translate eval --hyp`` measures term
   accuracy and precision.

The model has random weights: the term accuracy shows the glossary guarantee holds on
output that is otherwise noise, and says nothing of translation quality. Results go to
``benchmarks/results/tico_terms.json``.

    python benchmarks/tico_terms.py [--limit 2100]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from speed import WORK, installed_model  # noqa: E402

DATA = HERE.parent.parent / "shared" / "data"


def run(*args: str, stdin: Path | None = None, stdout: Path | None = None) -> None:
    command = [sys.executable, "-m", "translate", *args]
    with (stdin or Path("/dev/null")).open("rb") as source:
        out = stdout.open("wb") if stdout else subprocess.DEVNULL
        try:
            subprocess.run(command, stdin=source, stdout=out, check=True)
        finally:
            if stdout:
                out.close()  # type: ignore[union-attr]


def coverage(glossary_path: Path, source: list[str], reference: list[str]) -> dict[str, float]:
    from translate.glossary import load_glossaries

    glossary = load_glossaries([glossary_path], include_default=False)
    matcher = glossary.matcher()
    patterns = {
        e.english: re.compile(r"(?<!\w)" + re.escape(e.english) + r"(?!\w)", re.IGNORECASE)
        for e in glossary.entries
    }
    wanted = found = 0
    for arabic, english in zip(source, reference, strict=True):
        present = {m.entry.english for m in matcher.find(arabic)}
        for term, pattern in patterns.items():
            if pattern.search(english):
                wanted += 1
                found += term in present
    return {
        "reference_term_occurrences": wanted,
        "found_in_source": found,
        "coverage": found / wanted if wanted else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=2100)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "tico_terms.json")
    args = parser.parse_args(argv)
    if not (DATA / "tico19-test.ar").is_file():
        print(f"{DATA} is absent: nothing to measure", file=sys.stderr)
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    source_lines = (DATA / "tico19-test.ar").read_text(encoding="utf-8").splitlines()[: args.limit]
    reference_lines = (
        (DATA / "tico19-test.en").read_text(encoding="utf-8").splitlines()[: args.limit]
    )
    source = WORK / "tico-src.ar"
    reference = WORK / "tico-ref.en"
    source.write_text("\n".join(source_lines) + "\n", encoding="utf-8")
    reference.write_text("\n".join(reference_lines) + "\n", encoding="utf-8")
    glossary = WORK / "tico19-terms.yaml"
    run("glossary", "import", str(DATA / "tico19-terms.tsv"), "-o", str(glossary))
    model = installed_model("tiny")
    hypothesis = WORK / "tico-hyp.en"
    started = time.perf_counter()
    run(
        "--model",
        str(model),
        "--glossary",
        str(glossary),
        "--no-default-glossary",
        "--beam-size",
        "1",
        "--max-decoding-length",
        "16",
        stdin=source,
        stdout=hypothesis,
    )
    seconds = time.perf_counter() - started
    scores = WORK / "tico-eval.json"
    run(
        "eval",
        "--src",
        str(source),
        "--ref",
        str(reference),
        "--hyp",
        str(hypothesis),
        "--glossary",
        str(glossary),
        "--bootstrap",
        "0",
        "--json",
        str(scores),
    )
    report = json.loads(scores.read_text(encoding="utf-8"))
    terms = report["systems"][0]["terms"]
    result = {
        "benchmark": "tico_terms",
        "model": "synthetic-tiny (random weights)",
        "lines": len(source_lines),
        "matcher": coverage(glossary, source_lines, reference_lines),
        "term_accuracy": terms["accuracy"],
        "term_precision": terms["precision"],
        "term_occurrences": terms["occurrences"],
        "translate_seconds": seconds,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
