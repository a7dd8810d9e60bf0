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

from translate.enforce.renderings import bare, is_capitalised, is_function_word
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
    whole run is what the model rendered from the term, so it is replaced whole; only
    where a name's run also holds a lowercase word (a verb the model fused with the
    name) are its capitalised parts offered as well.
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
        if name:
            # A name's first piece carries the dependence; once "Recep" is written,
            # "Tayyip Erdogan" follows from it, not from the source. The capitalised
            # words that continue a run belong to it.
            while (
                last < len(words)
                and last not in frozen
                and is_capitalised(words[last])
                and not is_function_word(words[last])
                and bare(words[last - 1]) == words[last - 1]
            ):
                last += 1
        runs.append((index, last))
        index = last
    if name:
        # A name's rendering replaces name words: a run of lowercase words only ("said")
        # means the model dropped the name and reworded around it.
        runs = [(f, t) for f, t in runs if any(is_capitalised(words[i]) for i in range(f, t))]
    found: dict[tuple[int, int], float] = {}
    for first, last in runs:
        for sub_first, sub_last in _pieces_of_run(words, first, last, name=name):
            sub_first, sub_last = _strongest_window(
                deltas, sub_first, sub_last, rules.max_span_words
            )
            weight = sum(deltas[sub_first:sub_last])
            key = (sub_first, sub_last)
            found[key] = max(weight, found.get(key, weight))
    spans = [Span(first, last, weight) for (first, last), weight in found.items()]
    spans.sort(key=lambda s: (-round(s.weight, rules.score_decimals), s.first, s.last))
    return spans[: rules.spans_per_term]


def name_slots(words: Sequence[str], frozen: set[int], rules: EnforcementRules) -> list[Span]:
    """Where nothing depends on a name (a model that writes some name into every name
    slot, whatever the Arabic letters), the capitalised runs of the translation that no
    other term explains: the places a name can stand. The model scores each."""
    slots: list[Span] = []
    index = 0
    while index < len(words):
        word = words[index]
        if index in frozen or not is_capitalised(word) or is_function_word(word):
            index += 1
            continue
        last = index + 1
        while (
            last < len(words)
            and last not in frozen
            and is_capitalised(words[last])
            and bare(words[last - 1]) == words[last - 1]
        ):
            last += 1
        # English puts a title before the name ("Omani Defense Minister | Sergei
        # Lavrov"): the run's last one, two and three words are offered, then the run.
        for size in (1, 2, 3):
            if size < last - index:
                slots.append(Span(last - size, last, 0.0))
        if last - index <= rules.max_span_words:
            slots.append(Span(index, last, 0.0))
        index = last
    return slots


def insertion_points(
    words: Sequence[str], deltas: Sequence[float], frozen: set[int], rules: EnforcementRules
) -> list[Span]:
    """Word boundaries to offer a term the model dropped: the start of the sentence and
    the boundaries next to the words that depend on the term most."""
    ranked = sorted(range(len(words)), key=lambda i: (-round(deltas[i], 6), i))
    points: list[int] = [0]
    for index in ranked:
        for point in (index, index + 1):
            # Never between two words of a rendering already in place ("Sergei | Shoigu").
            if point not in points and not (point - 1 in frozen and point in frozen):
                points.append(point)
        if len(points) >= rules.insertion_points:
            break
    return [Span(p, p, 0.0) for p in points[: rules.insertion_points]]


def _pieces_of_run(
    words: Sequence[str], first: int, last: int, *, name: bool
) -> list[tuple[int, int]]:
    pieces = [(first, last)]
    fused = any(
        not is_capitalised(words[i]) and not is_function_word(words[i]) for i in range(first, last)
    )
    if name and fused:
        index = first
        while index < last:
            if is_capitalised(words[index]) and not is_function_word(words[index]):
                end = index + 1
                while end < last and is_capitalised(words[end]):
                    end += 1
                pieces.append((index, end))
                index = end
            else:
                index += 1
    return pieces


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
