"""Candidate sentences for one translation that lacks some renderings.

Each missing rendering is a *slot* with its options: the spans of the plain
translation that the model produced for the term (:mod:`translate.enforce.attribution`),
or, for a term the model dropped, insertion points. A candidate is one assignment of
non-overlapping options to all slots, applied to the plain translation's words. A
candidate that inserts a rendering is never taken as pasted: it carries the text up to
that rendering as a *prefix*, and the decoder writes the rest of the sentence after it
(:mod:`translate.enforce.placement` runs those decodes), so the words around an
inserted name are the model's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from translate.enforce.attribution import Span
from translate.enforce.renderings import replace_span
from translate.enforce.rules import EnforcementRules

Placement = tuple[tuple[str, Span], ...]


@dataclass(frozen=True)
class Slot:
    """One rendering to place once, and where it may go, best first; ``fallback`` are
    the places offered only when the options of several slots collide (two terms the
    model's words were attributed to the same span: the other name words stand
    ready)."""

    rendering: str
    options: tuple[Span, ...]
    fallback: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A whole sentence to rank. ``prefix`` is set where the sentence is still to be
    finished by the decoder after its last inserted rendering."""

    text: str
    method: str
    placement: Placement = ()
    prefix: str | None = None


def assignments(slots: Sequence[Slot], rules: EnforcementRules) -> list[Placement]:
    """Non-overlapping choices of one option per slot, best-first, at most
    ``rules.max_candidates``; where the options collide, with the fallbacks too. Where
    every combination still collides (two terms, one place), the slots with the
    strongest evidence take their best free option first and a slot with none stays
    unplaced."""
    for widened in (False, True):
        choices = [
            slot.options + tuple(f for f in slot.fallback if f not in slot.options)
            if widened
            else slot.options
            for slot in slots
        ]
        renderings = [slot.rendering for slot in slots]
        found = [
            tuple(zip(renderings, choice)) for choice in _disjoint(choices, rules.max_candidates)
        ]
        if found:
            return found
    greedy: list[tuple[str, Span]] = []
    strongest = sorted(
        range(len(slots)), key=lambda i: -max((o.weight for o in slots[i].options), default=0)
    )
    for index in strongest:
        slot = slots[index]
        for option in (*slot.options, *slot.fallback):
            if not any(option.overlaps(s) for _, s in greedy):
                greedy.append((slot.rendering, option))
                break
    return [tuple(greedy)] if greedy else []


def without_insertions(placement: Placement) -> Placement:
    """The replacements of a placement that also inserts (empty where it inserts
    nothing, or only inserts): a sentence's attributed names are still placed where the
    model's continuation after an inserted one cannot be kept."""
    kept = tuple((rendering, span) for rendering, span in placement if not span.is_insertion)
    return kept if len(kept) < len(placement) else ()


def _disjoint(choices: Sequence[Sequence[Span]], limit: int) -> list[tuple[Span, ...]]:
    """The first ``limit`` combinations of one option per slot, in ``itertools.product``
    order, whose spans do not overlap; a partial combination that already overlaps is
    not extended (with many slots, most of the product collides)."""
    found: list[tuple[Span, ...]] = []
    chosen: list[Span] = []

    def walk(depth: int) -> None:
        if depth == len(choices):
            found.append(tuple(chosen))
            return
        for option in choices[depth]:
            if len(found) >= limit:
                return
            if not any(option.overlaps(other) for other in chosen):
                chosen.append(option)
                walk(depth + 1)
                chosen.pop()

    walk(0)
    return found


def candidates(words: Sequence[str], placement: Placement, persons: set[str]) -> list[Candidate]:
    """The sentence for one placement and, where a person's rendering would follow
    "the", the same without the article (a name takes none)."""
    variants = [placement]
    if any(_after_the(words, span, rendering, persons) for rendering, span in placement):
        variants.append(
            tuple(
                (r, Span(s.first - 1, s.last, s.weight))
                if _after_the(words, s, r, persons) and not s.is_insertion
                else (r, s)
                for r, s in placement
            )
        )
    out: list[Candidate] = []
    for option in variants:
        edited, inserted_at = _apply(words, option)
        method = "inserted" if inserted_at >= 0 else "replaced"
        prefix = " ".join(edited[: inserted_at + 1]) if inserted_at >= 0 else None
        out.append(Candidate(" ".join(edited), method, placement, prefix))
    return out


def _after_the(words: Sequence[str], span: Span, rendering: str, persons: set[str]) -> bool:
    return rendering in persons and span.first > 0 and words[span.first - 1].lower() == "the"


def _apply(words: Sequence[str], placement: Placement) -> tuple[list[str], int]:
    """The edited words, and the index there of the last inserted rendering (-1: none).

    Edits are applied right to left so earlier indices stay valid; each edit turns its
    span into one list item, which shifts the items after it by ``1 - width``."""
    out = list(words)
    for rendering, span in sorted(
        placement, key=lambda rs: (rs[1].first, rs[1].last), reverse=True
    ):
        out = replace_span(out, span.first, span.last, rendering)
    inserted_at = -1
    for _, span in placement:
        if span.is_insertion:
            shift = sum(
                1 - (other.last - other.first)
                for _, other in placement
                if (other.first, other.last) < (span.first, span.last)
            )
            inserted_at = max(inserted_at, span.first + shift)
    return out, inserted_at
