"""Write the toy news corpus: parallel Arabic/English sentences from the project's own templates.

    python benchmarks/toy/generate.py --seed 1 --out benchmarks/toy/data

Files written to ``--out``:
  train.ar/.en, dev.ar/.en   training people only; ~15% of pairs carry a name in Latin letters
                             inside the Arabic that the English copies
  test.ar/.en                known people and held-out people mixed; correct English names
  test.terms.jsonl           per test line: the names in it (Arabic form, clitic, English)
  glossary.yaml              the held-out names in the project's glossary format
  info.json                  seed, sizes and counts

The same arguments give byte-identical files. Held-out names never occur in train or dev.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
from toy_lexicon import (
    HELD_OUT_PEOPLE,
    LATIN_ENDINGS,
    LATIN_FIRST_NAMES,
    LATIN_ONSETS,
    LATIN_VOWELS,
    TRAINING_PEOPLE,
    Person,
)
from toy_templates import TEMPLATES, Sentence

GENERATOR_VERSION = 3


@dataclass(frozen=True)
class Pair:
    ar: str
    en: str
    terms: tuple[dict[str, object], ...]


def invented_person(rng: random.Random) -> Person:
    """A person known only by a Latin-script name that no list of this world contains."""
    last = invented_word(rng, 1, 3, LATIN_ENDINGS)
    draw = rng.random()
    if draw < 0.3:
        first = rng.choice(LATIN_FIRST_NAMES)
    elif draw < 0.6:
        first = invented_word(rng, 1, 2, ("", "n", "r", "l", "m"))
    else:
        first = ""
    return Person(last_en=last, last_ar=(), first_en=first, female=rng.random() < 0.2)


def invented_word(rng: random.Random, low: int, high: int, endings: tuple[str, ...]) -> str:
    forbidden = {w.lower() for p in HELD_OUT_PEOPLE for w in (p.last_en, *p.first_en.split())}
    while True:
        syllables = [
            rng.choice(LATIN_ONSETS) + rng.choice(LATIN_VOWELS)
            for _ in range(rng.randint(low, high))
        ]
        word = ("".join(syllables) + rng.choice(endings)).capitalize()
        if len(word) >= 3 and word.lower() not in forbidden:
            return word


def make_pair(
    rng: random.Random, people: list[Person], template_index: int, latin_slots: frozenset[int]
) -> Pair:
    template, _ = TEMPLATES[template_index]
    sentence = Sentence(rng, latin_slots)
    en, ar = template(sentence, people)
    return Pair(ar, en, tuple(sentence.terms))


def training_pairs(
    rng: random.Random, count: int, latin_share: float, seen: set[str]
) -> list[Pair]:
    """``count`` new pairs of training people (none of whose Arabic is in ``seen``)."""
    pairs: list[Pair] = []
    while len(pairs) < count:
        index = rng.randrange(len(TEMPLATES))
        people = rng.sample(TRAINING_PEOPLE, TEMPLATES[index][1])
        latin: frozenset[int] = frozenset()
        if rng.random() < latin_share:
            slots = list(range(len(people)))
            latin = frozenset(
                slots if len(slots) > 1 and rng.random() < 0.7 else [rng.choice(slots)]
            )
            # Mostly invented names: a model can only get those right by copying them, while
            # a training name in Latin letters can be memorised.
            for slot in latin:
                if rng.random() < 0.9:
                    people[slot] = invented_person(rng)
        pair = make_pair(rng, people, index, latin)
        if pair.ar not in seen:
            seen.add(pair.ar)
            pairs.append(pair)
    return pairs


def test_pairs(rng: random.Random, count: int, known_only: int, seen: set[str]) -> list[Pair]:
    """The first ``known_only`` lines name training people; each later line names at least one
    held-out person, taken in turn so that each appears about equally often."""
    pairs: list[Pair] = []
    while len(pairs) < count:
        index = rng.randrange(len(TEMPLATES))
        people = rng.sample(TRAINING_PEOPLE, TEMPLATES[index][1])
        if len(pairs) >= known_only:
            turn = (len(pairs) - known_only) % len(HELD_OUT_PEOPLE)
            slot = rng.randrange(len(people))
            people[slot] = HELD_OUT_PEOPLE[turn]
            if len(people) > 1 and rng.random() < 0.25:
                others = [p for p in HELD_OUT_PEOPLE if p is not HELD_OUT_PEOPLE[turn]]
                people[1 - slot] = rng.choice(others)
        pair = make_pair(rng, people, index, frozenset())
        if pair.ar not in seen:
            seen.add(pair.ar)
            pairs.append(pair)
    return pairs


def glossary_document() -> dict[str, object]:
    return {
        "name": "toy-news held-out names",
        "description": (
            "People of the toy news corpus that never occur in its training data "
            "(benchmarks/toy/generate.py). For tests and demos of the toy-news model only."
        ),
        "version": str(GENERATOR_VERSION),
        "entries": [
            {"english": p.last_en, "arabic": list(p.last_ar), "type": "person"}
            for p in HELD_OUT_PEOPLE
        ],
    }


def _write_lines(path: Path, lines: Iterable[str]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line + "\n")


def _write_split(out: Path, name: str, pairs: list[Pair]) -> None:
    _write_lines(out / f"{name}.ar", (p.ar for p in pairs))
    _write_lines(out / f"{name}.en", (p.en for p in pairs))


def generate(
    seed: int,
    out: Path,
    train_size: int = 40000,
    dev_size: int = 500,
    test_size: int = 260,
    test_known: int = 100,
    latin_share: float = 0.15,
) -> dict[str, object]:
    """Write all files to ``out``; return what info.json records."""
    out.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    # Separate random streams so that each split depends only on the seed and its own size
    # (plus the lines drawn before it, which it must not repeat).
    train = training_pairs(random.Random(f"toy-{seed}-train"), train_size, latin_share, seen)
    dev = training_pairs(random.Random(f"toy-{seed}-dev"), dev_size, latin_share, seen)
    test = test_pairs(random.Random(f"toy-{seed}-test"), test_size, test_known, seen)
    _write_split(out, "train", train)
    _write_split(out, "dev", dev)
    _write_split(out, "test", test)
    _write_lines(
        out / "test.terms.jsonl",
        (
            json.dumps({"line": i + 1, "terms": list(p.terms)}, ensure_ascii=False)
            for i, p in enumerate(test)
        ),
    )
    with (out / "glossary.yaml").open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("# Generated by benchmarks/toy/generate.py; do not edit by hand.\n")
        yaml.safe_dump(glossary_document(), handle, allow_unicode=True, sort_keys=False)
    held_out_terms = sum(1 for p in test for t in p.terms if t["held_out"])
    info: dict[str, object] = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "train": train_size,
        "dev": dev_size,
        "test": test_size,
        "test_known_only_lines": test_known,
        "latin_share": latin_share,
        "templates": len(TEMPLATES),
        "training_people": len(TRAINING_PEOPLE),
        "held_out_people": [p.last_en for p in HELD_OUT_PEOPLE],
        "test_held_out_mentions": held_out_terms,
        "test_known_mentions": sum(len(p.terms) for p in test) - held_out_terms,
    }
    with (out / "info.json").open("w", encoding="utf-8", newline="\n") as handle:
        json.dump(info, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--train-size", type=int, default=40000)
    parser.add_argument("--dev-size", type=int, default=500)
    parser.add_argument("--test-size", type=int, default=260)
    parser.add_argument(
        "--test-known", type=int, default=100, help="test lines without held-out names"
    )
    parser.add_argument("--latin-share", type=float, default=0.15)
    args = parser.parse_args(argv)
    info = generate(
        args.seed,
        args.out,
        args.train_size,
        args.dev_size,
        args.test_size,
        args.test_known,
        args.latin_share,
    )
    print(json.dumps(info, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
