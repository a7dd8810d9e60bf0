"""Names without a glossary (issue #13): ``translate glossary suggest`` and
``--consistent-names`` on the toy-world document corpus, and the name finder on real
Arabic text. Toy models are toys: these are toy-world numbers.

* ``suggest`` (toy-news, no glossary, the 64 documents of ``benchmarks/names`` as one
  corpus): recall on the held-out people (the names that need an entry: the toy gets
  every one wrong), counting a person found where a suggestion holding one of its
  spellings says it needs an entry (``inconsistent``, ``substituted``, ``dropped``,
  ``untransliterated``); precision of those suggestions as names of the toy world
  (surnames, first names, places, agencies); the common words among them; spelling
  variants grouped; time against translating the corpus once.
* ``consistency`` (toy-news and toy-translit, no glossary): per (document, person)
  pair, whether it is rendered one way, with and without ``--consistent-names``
  (``Translator.translate_document``), and corpus BLEU both ways (it must not drop).
* ``files_consistency_overhead``: ``translate files`` on the documents as files (toy-
  translit), ``--consistent-names`` (the default there) vs ``--no-consistent-names``.
* ``real_text``: candidates the model-free finder returns on the sample article, FLORES
  dev and TICO-19 dev (``../shared/data``, default glossary as skip), and the precision
  as names of the hand-judged sample in ``benchmarks/data/name_candidates_judged.jsonl``
  (written by ``--sample``, judged by reading).

    python benchmarks/names_benchmark.py [--sample]
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import random
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import sacrebleu

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
JUDGED = HERE / "data" / "name_candidates_judged.jsonl"
NEEDS_ENTRY = {"inconsistent", "substituted", "dropped", "untransliterated"}


def load_check() -> Any:
    spec = importlib.util.spec_from_file_location("names_check", HERE / "names" / "check_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["names_check"] = module
    spec.loader.exec_module(module)
    return module


def documents() -> list[dict[str, Any]]:
    path = HERE / "names" / "data" / "documents.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def name_forms(check: Any, docs: list[dict[str, Any]]) -> set[str]:
    """Arabic words that are names in the toy world: listed forms (and their words),
    first names, and every spelling the documents list."""
    forms = set(check.world_forms())
    lex = check.toy_lexicon()
    for person in (*lex.TRAINING_PEOPLE, *lex.HELD_OUT_PEOPLE):
        forms.update(person.first_ar)
    forms.update(f for d in docs for n in d["names"] for f in n["arabic"])
    return forms | {w for f in list(forms) for w in f.split()}


def suggest_run(docs: list[dict[str, Any]], check: Any) -> dict[str, Any]:
    from translate import TranslationOptions, Translator
    from translate.suggestions import suggest

    sentences = [s for d in docs for s in d["ar"]]
    options = TranslationOptions(threads=2)
    started = time.perf_counter()
    list(Translator("toy-news", options).translate_lines(sentences))
    translate_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = suggest(sentences, Translator("toy-news", options), min_count=2)
    suggest_seconds = time.perf_counter() - started
    held: dict[str, set[str]] = {}
    for doc in docs:
        for name in doc["names"]:
            if name["held_out"]:
                held.setdefault(name["english"], set()).update(name["arabic"])
    flagged = [s for s in found if s.verdict in NEEDS_ENTRY]
    names = name_forms(check, docs)
    hits = {
        person
        for person, forms in held.items()
        if any(forms & {f for f, _ in s.forms} for s in flagged)
    }
    common = [s for s in flagged if not any(f in names for f, _ in s.forms)]
    grouped = {
        person: sorted({f for s in found for f, _ in s.forms if f in forms})
        for person, forms in held.items()
    }
    return {
        "sentences": len(sentences),
        "suggestions": len(found),
        "needing_entry": len(flagged),
        "held_out_people": len(held),
        "held_out_found": len(hits),
        "recall": round(len(hits) / len(held), 4),
        "precision_as_names": round(1 - len(common) / max(1, len(flagged)), 4),
        "common_words_suggested": [s.forms[0][0] for s in common],
        "held_out_spellings_grouped": grouped,
        "verdicts": {
            v: sum(s.verdict == v for s in found) for v in sorted({s.verdict for s in found})
        },
        "translate_seconds": round(translate_seconds, 3),
        "suggest_seconds": round(suggest_seconds, 3),
        "suggest_over_translate": round(suggest_seconds / translate_seconds, 3),
        "top": [s.as_json() | {"example": s.example[:80]} for s in found[:8]],
    }


def consistency_run(model: str, docs: list[dict[str, Any]], check: Any) -> dict[str, Any]:
    from translate import TranslationOptions, Translator

    translator = Translator(model, TranslationOptions(threads=2))
    plain = [[r.text for r in translator.translate_lines(d["ar"])] for d in docs]
    started = time.perf_counter()
    made = [[r.text for r in translator.translate_document(d["ar"])] for d in docs]
    seconds = time.perf_counter() - started
    refs = [s for d in docs for s in d["en"]]
    out: dict[str, Any] = {"model": model}
    for label, outputs in (("without", plain), ("with", made)):
        with redirect_stdout(io.StringIO()):
            summary = check.measure(model, docs, outputs, False)
        hyps = [s for doc in outputs for s in doc]
        out[label] = {
            "held_out_pairs": summary["held_out_pairs"],
            "held_out_consistent": summary["held_out_consistent"],
            "held_out_correct": summary["held_out_correct"],
            "known_pairs": summary["known_pairs"],
            "known_consistent": summary["known_consistent"],
            "bleu": round(sacrebleu.corpus_bleu(hyps, [refs]).score, 2),
        }
    out["documents_changed"] = sum(a != b for a, b in zip(plain, made))
    out["sentences_changed"] = sum(x != y for a, b in zip(plain, made) for x, y in zip(a, b))
    out["consistency_seconds"] = round(seconds, 3)
    return out


def files_overhead(docs: list[dict[str, Any]], work: Path) -> dict[str, Any]:
    """``translate files`` on the documents as 64 files, names made consistent (its
    default) vs not, same run, best of 3, toy-translit (it renders names two ways)."""
    import shutil

    from translate import TranslationOptions
    from translate.files.run import EngineSpec, LocalEngine, translate_files

    folder = work / "docs"
    shutil.rmtree(work, ignore_errors=True)
    folder.mkdir(parents=True)
    for doc in docs:
        (folder / f"{doc['id']}.ar.txt").write_text("\n".join(doc["ar"]) + "\n", "utf-8")
    times: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(3):
        for consistent in (False, True):
            options = TranslationOptions(threads=2, consistent_names=consistent)
            spec = EngineSpec(model="toy-translit", options=options)
            out = work / f"out-{consistent}"
            shutil.rmtree(out, ignore_errors=True)
            started = time.perf_counter()
            translate_files([folder], out, lambda spec=spec: LocalEngine.open(spec))
            times[consistent].append(time.perf_counter() - started)
    shutil.rmtree(work, ignore_errors=True)
    return {
        "files": len(docs),
        "without_seconds": round(min(times[False]), 3),
        "with_seconds": round(min(times[True]), 3),
        "ratio": round(min(times[True]) / min(times[False]), 3),
    }


def real_text(sample: bool) -> dict[str, Any]:
    from translate.glossary import load_glossaries
    from translate.glossary.discovery import find_candidates
    from translate.text.normalize import normalize_text

    skip = load_glossaries([], include_default=True).matcher()
    sets = {
        "sample_article": "sample-news.ar.txt",
        "flores_dev": "flores-dev.ar",
        "tico19_dev": "tico19-dev.ar",
    }
    found: dict[str, Any] = {}
    pool: list[dict[str, Any]] = []
    for name, file in sets.items():
        lines = [normalize_text(x) for x in (DATA / file).read_text(encoding="utf-8").splitlines()]
        candidates = find_candidates(lines, skip=skip)
        found[name] = {"lines": len(lines), "candidates": len(candidates)}
        pool += [
            {"set": name, "key": c.key, "forms": [f for f, _ in c.forms],
             "evidence": dict(c.evidence), "example": lines[c.occurrences[0].line][:200]}
            for c in candidates
        ]  # fmt: skip
    if sample:
        chosen = random.Random(13).sample(pool, min(100, len(pool)))
        JUDGED.write_text(
            "".join(json.dumps(c | {"name": None}, ensure_ascii=False) + "\n" for c in chosen),
            encoding="utf-8",
        )
    if JUDGED.is_file():
        judged = [json.loads(x) for x in JUDGED.read_text(encoding="utf-8").splitlines()]
        known = [j for j in judged if j["name"] is not None]
        if known:
            found["judged_sample"] = {
                "judged": len(known),
                "names": sum(j["name"] for j in known),
                "precision": round(sum(j["name"] for j in known) / len(known), 4),
            }
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", action="store_true", help="write a new sample to judge")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "names.json")
    args = parser.parse_args()
    check = load_check()
    docs = documents()
    result: dict[str, Any] = {"benchmark": "names", "documents": len(docs)}
    print("suggest ...", file=sys.stderr)
    result["suggest"] = suggest_run(docs, check)
    for model in ("toy-news", "toy-translit"):
        print(f"consistency, {model} ...", file=sys.stderr)
        result[f"consistency_{model.replace('-', '_')}"] = consistency_run(model, docs, check)
    print("translate files, consistent names on vs off ...", file=sys.stderr)
    result["files_consistency_overhead"] = files_overhead(docs, HERE / "work" / "names")
    if DATA.is_dir():
        print("real text ...", file=sys.stderr)
        result["real_text"] = real_text(args.sample)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(json.dumps(result, indent=1, ensure_ascii=False)[:5000])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
