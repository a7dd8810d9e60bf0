"""Glossary fidelity on a toy model: does enforcement fix the names and nothing else?

Runs a toy model over a line-aligned set (``NAME.ar``, ``NAME.en`` and ``NAME.jsonl`` or
``NAME.terms.jsonl``: one object per line with ``terms`` [{"english": ...}] and,
optionally, ``traps`` [{"arabic": ...}] and ``categories``) three ways: without any
glossary, with the default glossary plus the set's ``glossary.yaml``, and the latter
again fed one line at a time and in shuffled order. It reports, all word for word and
with nothing stripped before comparing:

* ``right_but_names``: lines whose no-glossary output (of the model measured) equals
  the reference except at the names: each differing stretch is, on the reference side,
  only words of the line's renderings and, on the output side, nothing (a dropped name)
  or name-like words (the rule of ``fidelity/README.md``);
* ``exact_reference_rate`` on those lines with the glossary (lines with a spelling that
  the set marks ``expect_enforced: false``, one no matcher rule reaches, are counted
  apart);
* ``collateral_lines``: lines with a term where the glossary output damaged the
  no-glossary output outside the names: a removed word that the reference has (and
  that is no rendering), or an added word that neither a rendering nor the reference
  has; and
  ``changed_without_terms``: lines without a term whose output changed at all;
* ``forced_false_positives``: trap words (common words that look like a form) that got
  a rendering placed (``replaced``/``inserted``/``injected`` in the report);
* ``batch_dependent_lines``: lines whose output differs between whole, one-at-a-time
  and shuffled feeding; measured with and without the glossary;
* ``term_accuracy`` and decodes/scorings per sentence, and how each term was enforced.

Toy models: these are toy-world numbers, not real-model quality.

It also counts, with ``--default-harm``, the toy dev and test lines that the model gets
exactly right without a glossary and that the default glossary alone changes.

    python benchmarks/glossary_fidelity.py [--model toy-news] [--data benchmarks/fidelity/data]
        [--default-harm]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from translate import TranslationOptions, Translator
from translate.enforce.renderings import is_name_word
from translate.glossary import load_glossaries

HERE = Path(__file__).resolve().parent
FUNCTION = frozenset("and or but so then to for with by of in on at from as the a an".split())


def bare(word: str) -> str:
    return word.strip(".,;:!?\"'()[]«»")


def load_set(data: Path, name: str) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    sources = (data / f"{name}.ar").read_text(encoding="utf-8").splitlines()
    references = (data / f"{name}.en").read_text(encoding="utf-8").splitlines()
    meta_path = data / f"{name}.jsonl"
    if not meta_path.is_file():
        meta_path = data / f"{name}.terms.jsonl"
    meta = [json.loads(line) for line in meta_path.read_text(encoding="utf-8").splitlines()]
    return sources, references, meta


def rendering_words(terms: list[dict[str, Any]]) -> set[str]:
    return {w for t in terms for w in t["english"].split()}


def right_but_names(output: str, reference: str, names: set[str]) -> bool:
    """The output equals the reference but where the reference has a rendering: each
    differing stretch is, on the reference side, only rendering words and, on the
    output side, empty (a dropped name) or name-like words (capitalised, no
    punctuation, not a title, weekday or adjective)."""
    a, b = output.split(), reference.split()
    for tag, a1, a2, b1, b2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if not b[b1:b2] or not all(bare(w) in names for w in b[b1:b2]):
            return False
        if not all(bare(w) == w and is_name_word(w) for w in a[a1:a2]):
            return False
    return True


def collateral(plain: str, enforced: str, reference: str, names: set[str]) -> list[str]:
    """Words outside the names that the glossary damaged, counted word for word as
    multisets: a word the plain output had right (it is in the reference as often) and
    the glossary output lost, or a word the glossary output added that neither the
    plain output nor the reference has that often."""
    count_plain = Counter(bare(w) for w in plain.split())
    count_enforced = Counter(bare(w) for w in enforced.split())
    count_ref = Counter(bare(w) for w in reference.split())
    changed: list[str] = []
    for word in sorted(set(count_plain) | set(count_enforced)):
        if word in names or not word:
            continue
        lost = min(count_ref[word], count_plain[word]) - count_enforced[word]
        added = count_enforced[word] - max(count_plain[word], count_ref[word])
        changed += [f"-{word}"] * max(0, lost) + [f"+{word}"] * max(0, added)
    return changed


def translate_all(
    translator: Translator, lines: list[str], how: str, seed: int = 7
) -> tuple[list[str], list[Any]]:
    if how == "whole":
        results = list(translator.translate_lines(lines))
        return [r.text for r in results], results
    if how == "single":
        results = [next(translator.translate_lines([line])) for line in lines]
        return [r.text for r in results], results
    order = list(range(len(lines)))
    random.Random(seed).shuffle(order)
    shuffled = list(translator.translate_lines([lines[i] for i in order]))
    out: list[str] = [""] * len(lines)
    for position, index in enumerate(order):
        out[index] = shuffled[position].text
    return out, []


def fresh(model: str, glossary: Any, mode: str) -> Translator:
    return Translator(model, TranslationOptions(glossary_mode=mode), glossary=glossary)


def measure(model: str, data: Path, name: str, mode: str) -> dict[str, Any]:
    sources, references, meta = load_set(data, name)
    glossary = load_glossaries([data / "glossary.yaml"], include_default=True)
    plain_translator = fresh(model, None, mode)
    started = time.perf_counter()
    plain, _ = translate_all(plain_translator, sources, "whole")
    plain_seconds = time.perf_counter() - started
    plain_decodes = plain_translator.sentence_translator.decoded_sentences

    translator = fresh(model, glossary, mode)
    started = time.perf_counter()
    enforced, results = translate_all(translator, sources, "whole")
    glossary_seconds = time.perf_counter() - started
    decodes = translator.sentence_translator.decoded_sentences
    scorings = translator.sentence_translator.scored_sentences
    sentences = sum(r.sentences for r in results)

    # Fresh translators, so no cache carries a decision from one feeding to another.
    single, _ = translate_all(fresh(model, glossary, mode), sources, "single")
    shuffled, _ = translate_all(fresh(model, glossary, mode), sources, "shuffled")
    plain_single, _ = translate_all(fresh(model, None, mode), sources, "single")
    plain_shuffled, _ = translate_all(fresh(model, None, mode), sources, "shuffled")

    methods: Counter[str] = Counter()
    forced: list[dict[str, Any]] = []
    traps = 0
    for index, result in enumerate(results):
        trap_words = {t["arabic"] for t in meta[index].get("traps", [])}
        traps += len(trap_words)
        for report in result.report:
            for match in report["matches"]:
                methods[match["enforced"]] += 1
                placed = match["enforced"] in ("replaced", "inserted", "injected")
                surface = set(str(match["arabic"]).split())
                if placed and any(surface & set(w.split()) for w in trap_words):
                    forced.append({"line": index + 1, "arabic": match["arabic"]})

    right = exact = with_terms = collateral_lines = changed_without = unmatched_lines = 0
    term_total = term_right = 0
    collateral_examples: list[dict[str, Any]] = []
    misses: list[dict[str, Any]] = []
    for index, (p, e, r) in enumerate(zip(plain, enforced, references)):
        terms = meta[index].get("terms", [])
        # The renderings the glossary placed count as names too (the default glossary
        # may render a full name where the set lists the surname).
        placed = [
            {"english": str(m["rendering"])}
            for report in results[index].report
            for m in report["matches"]
        ]
        names = rendering_words(terms + placed)
        for term in terms:
            if term.get("expect_enforced", True):
                term_total += 1
                term_right += int(term["english"] in e)
        if not terms:
            changed_without += int(p != e)
            continue
        with_terms += 1
        unmatched = any(not t.get("expect_enforced", True) for t in terms)
        if unmatched:
            # A spelling no matcher rule reaches: the glossary cannot be asked to fix it.
            unmatched_lines += 1
        elif right_but_names(p, r, rendering_words(terms)):
            right += 1
            if e == r:
                exact += 1
            else:
                misses.append({"line": index + 1, "plain": p, "glossary": e, "reference": r})
        changed = collateral(p, e, r, names)
        if changed:
            collateral_lines += 1
            collateral_examples.append({"line": index + 1, "changed": changed, "glossary": e})
    return {
        "model": model,
        "data": f"{data.relative_to(HERE.parent) if data.is_relative_to(HERE.parent) else data}",
        "set": name,
        "glossary_mode": mode,
        "lines": len(sources),
        "sentences": sentences,
        "lines_with_terms": with_terms,
        "lines_with_unmatched_spellings": unmatched_lines,
        "right_but_names": right,
        "exact_reference": exact,
        "exact_reference_rate": round(exact / right, 4) if right else None,
        "collateral_lines": collateral_lines,
        "collateral_rate": round(collateral_lines / with_terms, 4) if with_terms else None,
        "changed_without_terms": changed_without,
        "traps": traps,
        "forced_false_positives": len(forced),
        "term_accuracy": round(term_right / term_total, 4) if term_total else None,
        "batch_dependent_lines": sum(
            1 for a, b, c in zip(enforced, single, shuffled) if not a == b == c
        ),
        "batch_dependent_lines_without_glossary": sum(
            1 for a, b, c in zip(plain, plain_single, plain_shuffled) if not a == b == c
        ),
        "decodes_per_sentence": round(decodes / max(1, sentences), 3),
        "scorings_per_sentence": round(scorings / max(1, sentences), 3),
        "decodes_per_sentence_without_glossary": round(plain_decodes / max(1, sentences), 3),
        "glossary_time_ratio": round(glossary_seconds / plain_seconds, 3),
        "methods": dict(sorted(methods.items())),
        "signature": results[0].signature if results else {},
        "forced": forced,
        "collateral_examples": collateral_examples[:20],
        "misses": misses[:20],
    }


def default_glossary_harm(model: str, data: Path, name: str) -> dict[str, Any]:
    """Lines the model gets exactly right without any glossary, and how many of them the
    default glossary alone changes (the target is none)."""
    sources = (data / f"{name}.ar").read_text(encoding="utf-8").splitlines()
    references = (data / f"{name}.en").read_text(encoding="utf-8").splitlines()
    plain, _ = translate_all(fresh(model, None, "align"), sources, "whole")
    default = load_glossaries([], include_default=True)
    with_default, _ = translate_all(fresh(model, default, "align"), sources, "whole")
    right = [i for i, (p, r) in enumerate(zip(plain, references)) if p == r]
    changed = [i for i in right if with_default[i] != plain[i]]
    return {
        "model": model,
        "set": f"{data.name}/{name}",
        "lines": len(sources),
        "right_without_glossary": len(right),
        "changed_by_default_glossary": len(changed),
        "examples": [
            {"line": i + 1, "plain": plain[i], "default_glossary": with_default[i]}
            for i in changed[:10]
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", action="append", help="toy model(s); default both")
    parser.add_argument("--data", type=Path, default=HERE / "fidelity" / "data")
    parser.add_argument("--set", default="fidelity", help="file stem inside --data")
    parser.add_argument("--mode", default="align", choices=["align", "inject"])
    parser.add_argument("--out", type=Path, default=HERE / "results" / "glossary_fidelity.json")
    parser.add_argument(
        "--default-harm",
        action="store_true",
        help="also count right toy dev/test lines that the default glossary changes",
    )
    args = parser.parse_args()
    models = args.model or ["toy-news", "toy-translit"]
    runs = []
    for model in models:
        try:
            run = measure(model, args.data.resolve(), args.set, args.mode)
        except Exception as exc:  # a model that is not built is skipped, and said so
            print(f"{model}: skipped ({exc})", file=sys.stderr)
            continue
        runs.append(run)
        brief = {k: v for k, v in run.items() if not isinstance(v, list | dict)}
        print(json.dumps(brief, indent=1))
    harm = []
    toy_data = HERE / "toy" / "data"
    if args.default_harm:
        for model in models:
            for split in ("dev", "test"):
                try:
                    result = default_glossary_harm(model, toy_data, split)
                except Exception as exc:
                    print(f"{model}: skipped ({exc})", file=sys.stderr)
                    continue
                harm.append(result)
                brief = {k: v for k, v in result.items() if k != "examples"}
                print(json.dumps(brief))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    document = {"benchmark": "glossary_fidelity", "runs": runs, "default_glossary_harm": harm}
    args.out.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
