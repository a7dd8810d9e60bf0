"""Which words of the model's translation it produced for a term, found by the model.

The translation is scored twice with CTranslate2's ``score_batch``: given the sentence,
and given the sentence without the term (its proclitics kept). The words whose
log-probability falls when the term is gone are the words the model rendered from the
term: "Shoigu" where it substituted a known name for باتروشيف, "Batrushev" where it
misspelled it, "Kazakh Foreign Minister Steve Witkoff" where it invented a title too.
That span, not a guessed position, is what a rendering may replace. Where no word
depends on the term (the model dropped it), the term has no span and only insertion
points are offered, each scored by the model before one is chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from translate.enforce.renderings import bare, is_capitalised, is_function_word, is_name_word
from translate.enforce.rules import EnforcementRules

# Words that join the parts of one name or title ("Minister of Defence", "Abu Bakr
# al-Baghdadi"); "and", "with" join two entities and never bridge a span.
NAME_PARTICLES = frozenset({"of", "the", "al", "el", "bin", "ibn", "bint", "abu", "de", "von"})
# The most words without a dependence of their own that a span may bridge.
MAX_BRIDGE = 1


@dataclass(frozen=True, order=True)
class Span:
    """Words ``first:last`` of the translation (``first == last``: insert before word
    ``first``) and how strongly they depend on the term (sum of log-probability drops)."""

    first: int
    last: int
    weight: float = 0.0

    @property
    def is_insertion(self) -> bool:
        return self.first == self.last

    def overlaps(self, other: Span) -> bool:
        if self.is_insertion and other.is_insertion:
            return self.first == other.first
        if self.is_insertion:
            return other.first < self.first < other.last
        if other.is_insertion:
            return self.first < other.first < self.last
        return self.first < other.last and other.first < self.last


def word_deltas(
    groups: Sequence[Sequence[int]], with_term: Sequence[float], without_term: Sequence[float]
) -> list[float]:
    """Per word, how much less likely its pieces are once the term is removed."""
    return [sum(with_term[i] - without_term[i] for i in group) for group in groups]


def term_spans(
    words: Sequence[str],
    deltas: Sequence[float],
    frozen: set[int],
    *,
    name: bool,
    rules: EnforcementRules,
) -> list[Span]:
    """Candidate spans for one term, strongest first.

    A span is a run of words that depend on the term; a function word, and for a name a
    capitalised word, may sit inside a run between two that depend on it ("Kazakh
    Foreign Minister Steve Witkoff": "Minister" is predictable from "Foreign", not from
    the term, yet belongs to what the model invented for it), never at its edges. The
    run is what the model rendered from the term, so it is replaced whole; for a name,
    only its capitalised parts (:func:`_name_segments`).
    """
    hot = [
        i not in frozen and deltas[i] >= rules.attribution_min and not is_function_word(words[i])
        for i in range(len(words))
    ]

    def bridge(i: int) -> bool:
        return i not in frozen and (
            bare(words[i]).lower() in NAME_PARTICLES or (name and is_capitalised(words[i]))
        )

    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        if not hot[index]:
            index += 1
            continue
        last = index + 1
        while last < len(words):
            if hot[last]:
                last += 1
                continue
            gap = last
            while gap < len(words) and not hot[gap] and bridge(gap):
                gap += 1
            if last < gap <= last + MAX_BRIDGE and gap < len(words) and hot[gap]:
                last = gap + 1
                continue
            break
        runs.append((index, last))
        index = last
    found: dict[tuple[int, int], float] = {}
    for first, last in runs if name else []:
        for seg_first, seg_last in _name_segments(words, first, last, frozen):
            seg_first, seg_last = _strongest_window(
                deltas, seg_first, seg_last, rules.max_span_words
            )
            found[(seg_first, seg_last)] = sum(deltas[seg_first:seg_last])
    for first, last in runs if not name else []:
        first, last = _strongest_window(deltas, first, last, rules.max_span_words)
        found[(first, last)] = sum(deltas[first:last])
    spans = [Span(first, last, weight) for (first, last), weight in found.items()]
    spans.sort(key=lambda s: (-round(s.weight, rules.score_decimals), s.first, s.last))
    return spans[: rules.spans_per_term]


def _name_segments(
    words: Sequence[str], first: int, last: int, frozen: set[int]
) -> list[tuple[int, int]]:
    """The parts of a run that a name's rendering may replace.

    The run grows over the name words after it: the first piece of a name carries the
    dependence, and once "Recep" is written "Tayyip Erdogan" follows from it, not from
    the source. (Not over those before it: "Mohammad Reza" before a substitute for
    أشتياني come from محمد رضا; a misspelt first name of the rendering itself is
    taken by :func:`~translate.enforce.renderings.absorb_rendering_words`.) It is then
    cut at lowercase words (a verb the model fused with the name is never replaced),
    and only parts with a name word count: a run of titles alone ("Russian Foreign
    Minister") means the model dropped the name."""

    def joins(i: int, neighbour: int) -> bool:
        inner = min(i, neighbour)
        return i not in frozen and is_name_word(words[i]) and bare(words[inner]) == words[inner]

    while last < len(words) and joins(last, last - 1):
        last += 1
    segments: list[tuple[int, int]] = []
    start = first
    for index in range(first, last + 1):
        if index == last or not (
            is_capitalised(words[index]) or bare(words[index]).lower() in NAME_PARTICLES
        ):
            if any(is_name_word(words[i]) for i in range(start, index)):
                segments.append((start, index))
            start = index + 1
    return segments


def name_slots(
    words: Sequence[str], frozen: set[int], rules: EnforcementRules, place: float
) -> list[Span]:
    """Where nothing depends on a name (a model that writes some name into every name
    slot, whatever the Arabic letters), the runs of name words of the translation that
    no other term explains: the places a name can stand. A title before the name stays
    ("Omani Defense Minister | Sergei Lavrov"), and calendar words and adjectives are
    never a slot (:data:`~translate.enforce.renderings.NOT_NAMES`). The model scores
    each; they are offered nearest first to ``place``, the term's position in the
    source (0 = start, 1 = end), so that the cap on candidates keeps the likely ones."""
    slots: list[Span] = []
    index = 0
    while index < len(words):
        if index in frozen or not is_name_word(words[index]):
            index += 1
            continue
        last = index + 1
        while (
            last < len(words)
            and last not in frozen
            and is_name_word(words[last])
            and bare(words[last - 1]) == words[last - 1]
        ):
            last += 1
        if last - index <= rules.max_span_words:
            slots.append(Span(index, last, 0.0))
        index = last
    count = max(1, len(words))
    slots.sort(key=lambda s: (round(abs((s.first + s.last) / 2 / count - place), 6), s.first))
    return slots


def insertion_points(
    words: Sequence[str],
    deltas: Sequence[float],
    frozen: set[int],
    rules: EnforcementRules,
    place: float,
) -> list[Span]:
    """Word boundaries to offer a term the model dropped: the boundary at the term's
    share of the source (``place``), the start of the sentence, and those next to the
    words that depend on the term most. Never after a sentence's final punctuation: a
    decoder continuing after a name appended to a finished sentence repeats it."""
    count = len(words)
    ranked = sorted(range(count), key=lambda i: (-round(deltas[i], 6), i))
    wanted = [round(place * count), 0, *(p for i in ranked for p in (i, i + 1))]
    points: list[int] = []
    for point in wanted:
        after_end = point > 0 and words[point - 1][-1:] in ".!?"
        inside = point - 1 in frozen and point in frozen  # "Sergei | Shoigu"
        if point not in points and point <= count and not after_end and not inside:
            points.append(point)
        if len(points) >= rules.insertion_points:
            break
    return [Span(p, p, 0.0) for p in points]


def _strongest_window(
    deltas: Sequence[float], first: int, last: int, width: int
) -> tuple[int, int]:
    """The ``width``-word window of ``first:last`` with the largest total drop."""
    if last - first <= width:
        return first, last
    best = first
    best_total = sum(deltas[first : first + width])
    for start in range(first + 1, last - width + 1):
        total = sum(deltas[start : start + width])
        if total > best_total:
            best, best_total = start, total
    return best, best + width
