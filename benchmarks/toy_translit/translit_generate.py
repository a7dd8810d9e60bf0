"""Write the toy-translit corpus: the toy-news templates with thousands of different people,
plus short name-only lines, so that a model learns to transliterate names, not to recall them.

    python benchmarks/toy_translit/translit_generate.py --seed 1 \\
        --out benchmarks/toy_translit/data --train-out benchmarks/work/toy_translit/corpus

Files written to ``--out`` (committed):
  dev.ar/.en          the training distribution (other lines than train)
  test.ar/.en         known people (toy-news training people) and held-out people; correct
                      English names
  test.terms.jsonl    per test line: the names in it (Arabic form, clitic, English, held_out)
  glossary.yaml       the held-out names in the project's glossary format
  info.json           seed, sizes, counts, faker version
and train.ar/.en to ``--train-out`` (default: ``--out``; not committed, about 6 MB).

Templates, sentence building and the 49 toy-news training people come from benchmarks/toy;
the name pairs from translit_names.py. The same arguments and faker version give
byte-identical files. Held-out surnames, and names near them, never occur in train or dev.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "toy"))
sys.path.insert(0, str(HERE))

import yaml  # noqa: E402
from generate import Pair, make_pair  # noqa: E402  (benchmarks/toy/generate.py)
from toy_lexicon import Person  # noqa: E402
from toy_templates import TEMPLATES  # noqa: E402
from translit_names import (  # noqa: E402
    HELD_OUT_PEOPLE,
    KNOWN_PEOPLE,
    Name,
    NamePool,
    build_pool,
    fold_arabic,
)

GENERATOR_VERSION = 1
HELD_OUT_SURNAMES = frozenset(p.last_en for p in HELD_OUT_PEOPLE)

# How often each origin gives the surname of a person drawn from the pool, and which
# first names go with it (Persians often carry Arabic first names).
ORIGIN_WEIGHTS = (
    ("slavic", 0.35),
    ("persian", 0.25),
    ("latin", 0.2),
    ("arab", 0.1),
    ("turkish", 0.1),
)
FIRST_NAME_ORIGINS = {
    "slavic": ("slavic",),
    "persian": ("persian", "arab"),
    "latin": ("latin",),
    "arab": ("arab",),
    "turkish": ("turkish",),
}


def _weighted(rng: random.Random, items: tuple[tuple[str, float], ...]) -> str:
    draw = rng.random() * sum(w for _, w in items)
    for item, weight in items:
        draw -= weight
        if draw < 0:
            return item
    return items[-1][0]


def pool_person(rng: random.Random, pool: NamePool) -> Person:
    origin = _weighted(rng, ORIGIN_WEIGHTS)
    last: Name = rng.choice(pool.surnames[origin])
    female = last.female or rng.random() < 0.2
    if origin == "slavic":
        female = last.female  # Russian surnames agree with the person: Ivanov, Ivanova.
    first: Name = rng.choice(pool.first_names_of(FIRST_NAME_ORIGINS[origin], female))
    return Person(last.english, last.arabic, first.english, first.arabic, first.female)


def _terms(pair: Pair) -> tuple[dict[str, object], ...]:
    """The terms with ``held_out`` meaning this corpus's held-out people."""
    return tuple({**t, "held_out": t["english"] in HELD_OUT_SURNAMES} for t in pair.terms)


def template_pair(
    rng: random.Random, people: list[Person], index: int, latin: frozenset[int]
) -> Pair:
    pair = make_pair(rng, people, index, latin)
    return Pair(pair.ar, pair.en, _terms(pair))


def _variant(rng: random.Random, forms: tuple[str, ...]) -> str:
    # As the toy templates do: the first (most common) spelling 60% of the time.
    if len(forms) == 1 or rng.random() < 0.6:
        return forms[0]
    return rng.choice(forms[1:])


def name_line(rng: random.Random, people: list[Person]) -> Pair:
    """A short line that is only names: 'Patrushev', 'Mr Patrushev said.', 'A and B'..."""
    a, b = people
    last_ar, last_en = _variant(rng, a.last_ar), a.last_en
    first_ar = _variant(rng, a.first_ar) if a.first_ar else ""
    full_ar = f"{first_ar} {last_ar}".strip()
    full_en = f"{a.first_en} {last_en}".strip()
    sayyid, title = ("السيدة", "Ms") if a.female else ("السيد", "Mr")
    said = "قالت" if a.female else "قال"
    kind = rng.choices(range(6), weights=(25, 20, 15, 15, 10, 15))[0]
    if kind == 0:
        return Pair(last_ar, last_en, ())
    if kind == 1:
        return Pair(full_ar, full_en, ())
    if kind == 2:
        return Pair(f"{sayyid} {last_ar}", f"{title} {last_en}", ())
    if kind == 3:
        return Pair(f"{said} {sayyid} {last_ar}.", f"{title} {last_en} said.", ())
    if kind == 4:
        return Pair(f"{said} {full_ar}.", f"{full_en} said.", ())
    other_ar = _variant(rng, b.last_ar)
    return Pair(f"{last_ar} و{other_ar}", f"{last_en} and {b.last_en}", ())


def training_pairs(
    rng: random.Random,
    pool: NamePool,
    count: int,
    name_share: float,
    latin_share: float,
    known_share: float,
    seen: set[str],
) -> list[Pair]:
    """``count`` new pairs (none of whose Arabic is in ``seen``): name-only lines with
    probability ``name_share``, the others template sentences; each person is one of the
    toy-news people with probability ``known_share``, else drawn from the pool."""

    def person() -> Person:
        return rng.choice(KNOWN_PEOPLE) if rng.random() < known_share else pool_person(rng, pool)

    pairs: list[Pair] = []
    while len(pairs) < count:
        if rng.random() < name_share:
            pair = name_line(rng, [person(), person()])
        else:
            index = rng.randrange(len(TEMPLATES))
            people = [person() for _ in range(TEMPLATES[index][1])]
            latin: frozenset[int] = frozenset()
            if rng.random() < latin_share:
                # A name written in Latin letters inside the Arabic, copied into the English.
                latin = frozenset([rng.randrange(len(people))])
            pair = template_pair(rng, people, index, latin)
        if pair.ar not in seen:
            seen.add(pair.ar)
            pairs.append(pair)
    return pairs


def test_pairs(rng: random.Random, count: int, known_only: int, seen: set[str]) -> list[Pair]:
    """The first ``known_only`` lines name toy-news people; each later line names at least one
    held-out person, taken in turn so that each appears about equally often."""
    pairs: list[Pair] = []
    while len(pairs) < count:
        index = rng.randrange(len(TEMPLATES))
        people = rng.sample(KNOWN_PEOPLE, TEMPLATES[index][1])
        if len(pairs) >= known_only:
            turn = (len(pairs) - known_only) % len(HELD_OUT_PEOPLE)
            slot = rng.randrange(len(people))
            people[slot] = HELD_OUT_PEOPLE[turn]
            if len(people) > 1 and rng.random() < 0.25:
                others = [p for p in HELD_OUT_PEOPLE if p is not HELD_OUT_PEOPLE[turn]]
                people[1 - slot] = rng.choice(others)
        pair = template_pair(rng, people, index, frozenset())
        if pair.ar not in seen:
            seen.add(pair.ar)
            pairs.append(pair)
    return pairs


def _distinct_forms(forms: tuple[str, ...]) -> list[str]:
    """The spellings a glossary needs: those equal after folding hamza and ta marbuta
    (أشتياني / اشتياني) are one form to the glossary matcher, so only the first is listed."""
    kept: dict[str, str] = {}
    for form in forms:
        kept.setdefault(fold_arabic(form), form)
    return list(kept.values())


def glossary_document() -> dict[str, object]:
    return {
        "name": "toy-translit held-out names",
        "description": (
            "People of the toy-translit corpus whose surnames never occur in its training "
            "data (benchmarks/toy_translit/translit_generate.py). For tests and demos of the "
            "toy-translit model only."
        ),
        "version": str(GENERATOR_VERSION),
        "entries": [
            {"english": p.last_en, "arabic": _distinct_forms(p.last_ar), "type": "person"}
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


def faker_version() -> str:
    import faker

    return str(faker.VERSION)


def generate(
    seed: int,
    out: Path,
    train_size: int = 72000,
    dev_size: int = 500,
    test_size: int = 260,
    test_known: int = 100,
    name_share: float = 0.65,
    latin_share: float = 0.08,
    known_share: float = 0.3,
    train_out: Path | None = None,
) -> dict[str, object]:
    """Write all files (train.* to ``train_out``, default ``out``); return info.json's
    content. Test and dev are drawn first, so they do not depend on ``train_size``."""
    out.mkdir(parents=True, exist_ok=True)
    train_out = train_out or out
    train_out.mkdir(parents=True, exist_ok=True)
    pool = build_pool(seed)
    seen: set[str] = set()
    test = test_pairs(random.Random(f"toy-translit-{seed}-test"), test_size, test_known, seen)
    dev = training_pairs(
        random.Random(f"toy-translit-{seed}-dev"),
        pool,
        dev_size,
        name_share,
        latin_share,
        known_share,
        seen,
    )
    train = training_pairs(
        random.Random(f"toy-translit-{seed}-train"),
        pool,
        train_size,
        name_share,
        latin_share,
        known_share,
        seen,
    )
    _write_split(train_out, "train", train)
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
        handle.write(
            "# Generated by benchmarks/toy_translit/translit_generate.py; do not edit by hand.\n"
        )
        yaml.safe_dump(glossary_document(), handle, allow_unicode=True, sort_keys=False)
    held_out_terms = sum(1 for p in test for t in p.terms if t["held_out"])
    info: dict[str, object] = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "faker_version": faker_version(),
        "train": train_size,
        "dev": dev_size,
        "test": test_size,
        "test_known_only_lines": test_known,
        "name_share": name_share,
        "latin_share": latin_share,
        "known_share": known_share,
        "templates": len(TEMPLATES),
        "known_people": len(KNOWN_PEOPLE),
        "pool_surnames": {k: len(v) for k, v in pool.surnames.items()},
        "pool_first_names": {k: len(v) for k, v in pool.first_names.items()},
        "pool_dropped_near_held_out": pool.dropped_near_held_out,
        "held_out_people": [p.last_en for p in HELD_OUT_PEOPLE],
        "test_held_out_lines": sum(1 for p in test if any(t["held_out"] for t in p.terms)),
        "test_held_out_mentions": held_out_terms,
        "test_known_mentions": sum(len(p.terms) for p in test) - held_out_terms,
    }
    with (out / "info.json").open("w", encoding="utf-8", newline="\n") as handle:
        json.dump(info, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return info


def generate_from_info(
    info: dict[str, object], out: Path, train_out: Path | None = None, train_size: int | None = None
) -> dict[str, object]:
    """Regenerate with the settings recorded in an info.json (optionally another train size)."""
    return generate(
        int(info["seed"]),  # type: ignore[call-overload]
        out,
        int(train_size if train_size is not None else info["train"]),  # type: ignore[call-overload]
        int(info["dev"]),  # type: ignore[call-overload]
        int(info["test"]),  # type: ignore[call-overload]
        int(info["test_known_only_lines"]),  # type: ignore[call-overload]
        float(info["name_share"]),  # type: ignore[arg-type]
        float(info["latin_share"]),  # type: ignore[arg-type]
        float(info["known_share"]),  # type: ignore[arg-type]
        train_out,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--train-out", type=Path, default=None)
    parser.add_argument("--train-size", type=int, default=72000)
    parser.add_argument("--dev-size", type=int, default=500)
    parser.add_argument("--test-size", type=int, default=260)
    parser.add_argument("--test-known", type=int, default=100)
    parser.add_argument("--name-share", type=float, default=0.65)
    parser.add_argument("--latin-share", type=float, default=0.08)
    parser.add_argument("--known-share", type=float, default=0.3)
    args = parser.parse_args(argv)
    info = generate(
        args.seed,
        args.out,
        args.train_size,
        args.dev_size,
        args.test_size,
        args.test_known,
        args.name_share,
        args.latin_share,
        args.known_share,
        args.train_out,
    )
    print(json.dumps(info, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
