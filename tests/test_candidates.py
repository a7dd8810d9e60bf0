"""Joint placements of several terms: the pruned search finds exactly what filtering
the whole product would, in the same order."""

from __future__ import annotations

import random
from itertools import product

from translate.enforce.attribution import Span
from translate.enforce.candidates import _disjoint


def by_product(choices: list[tuple[Span, ...]], limit: int) -> list[tuple[Span, ...]]:
    found: list[tuple[Span, ...]] = []
    for choice in product(*choices):
        if len(found) >= limit:
            break
        if not any(a.overlaps(b) for i, a in enumerate(choice) for b in choice[i + 1 :]):
            found.append(choice)
    return found


def test_the_pruned_search_equals_the_filtered_product() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        choices = []
        for _ in range(rng.randint(1, 5)):
            spans = []
            for _ in range(rng.randint(0, 4)):
                first = rng.randint(0, 8)
                spans.append(Span(first, first + rng.randint(0, 3), rng.random()))
            choices.append(tuple(spans))
        limit = rng.randint(1, 12)
        assert _disjoint(choices, limit) == by_product(choices, limit)


def test_many_colliding_slots_are_not_enumerated_whole() -> None:
    # 12 slots of 6 options all on one word: the product has 6**12 combinations and
    # none is disjoint; the search gives up after the first slot's options.
    choices = [tuple(Span(0, 1, float(k)) for k in range(6))] * 12
    assert _disjoint(choices, 12) == []
