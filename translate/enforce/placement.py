"""Glossary enforcement: each matched term's rendering in a sentence the model ranked
best, and nothing else changed.

For every batch of sentences (all model calls batched across sentences, and each
sentence's result a function of that sentence alone):

1. *Check.* The model's plain translation already holds every rendering as often as
   the sentence has the term: kept as it is (``model``). No extra model call.
2. *Attribute.* Otherwise the plain translation is scored with and without each
   missing term in the source (:mod:`translate.enforce.attribution`): the words that
   depend on the term are the model's rendering of it. In a translation the model is
   unsure of nothing is inserted, so a name there is scored only where the translation
   has name words it could replace, and a place or an organisation only where it has
   the model's own spelling of it (which alone it may replace there).
3. *Candidates* (:mod:`translate.enforce.candidates`). The plain translation with
   those spans replaced by the renderings (several terms: every non-overlapping
   assignment, best first). A term the model dropped is offered insertion points, and
   the decoder writes the rest of the sentence after the inserted rendering (a forced
   target prefix), so its neighbours are the model's own words, never a paste. In
   ``inject`` mode the translation of the source with the renderings put into it is a
   candidate too.
4. *Rank.* More than one candidate: the model scores each against the source
   (length-normalised log-probability, rounded, ties to the earlier candidate) and the
   best is kept; a candidate that places fewer renderings (two terms, one place, or
   only the replacements of a placement whose insertion the decoder could not continue)
   only wins where none places them all. The order of several names follows the model,
   not the Arabic.

An *ambiguous* match (an entry marked ``ambiguous``, or a short word matched only as a
spelling variant) is placed only where the model's own translation has a capitalised
word depending on it, i.e. where the model itself read a name; elsewhere the word is
the common word it resembles (بحماس "enthusiastically", not Hamas) and is left alone
(``ambiguous`` in the report). An occurrence that cannot be placed is reported
(``unplaced``) and logged, never pasted.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Sequence

from translate.enforce.attribution import (
    Span,
    insertion_points,
    name_slots,
    term_spans,
    word_deltas,
)
from translate.enforce.candidates import (
    Candidate,
    Placement,
    Slot,
    assignments,
    candidates,
    without_insertions,
)
from translate.enforce.continuation import Continuations, Work
from translate.enforce.numbers import NUMBER_TYPE, missing_numbers, wrong_number_words
from translate.enforce.renderings import (
    absorb_rendering_words,
    is_name_word,
    rendering_counts,
    spelled_like,
)
from translate.enforce.rules import DEFAULT_RULES, EnforcementRules
from translate.enforce.sources import (
    contrast_source,
    enforceable_matches,
    injected_source,
    is_ambiguous,
)
from translate.engine.decoding import Request, SentenceTranslation, SentenceTranslator, TokenScores
from translate.engine.pipeline import SentenceReport
from translate.engine.tokenizer import Tokenizer
from translate.glossary.matcher import Match, Matcher
from translate.glossary.model import Entry, Glossary
from translate.options import GlossaryMode


class GlossaryPlacer:
    """The :class:`~translate.engine.pipeline.SentenceHook` that enforces a glossary."""

    def __init__(
        self,
        glossary: Glossary | None,
        tokenizer: Tokenizer,
        mode: GlossaryMode = "align",
        rules: EnforcementRules = DEFAULT_RULES,
        *,
        numbers: bool = False,
        keep_digits: bool = False,
        min_confidence: float | None = None,
    ) -> None:
        self.glossary = glossary
        self.matcher = glossary.matcher() if glossary is not None else None
        self.tokenizer = tokenizer
        self.mode = mode
        self.rules = rules
        # Numbers the model changed or dropped are placed like terms (enforce/numbers).
        self.numbers = numbers
        self.keep_digits = keep_digits
        # The model family's low-confidence level (translate.text.flags): below it,
        # nothing is inserted.
        self.min_confidence = min_confidence
        self.extra: Matcher | None = None

    def with_entries(self, entries: Sequence[Entry]) -> GlossaryPlacer:
        """This placer with more entries, below the glossary's (a document's names made
        consistent, :mod:`translate.enforce.consistency`); the glossary's matcher is
        shared, not rebuilt."""
        placer = copy.copy(self)
        placer.extra = Glossary(tuple(entries), name="document").matcher() if entries else None
        return placer

    def matches(self, sentence: str, plain: SentenceTranslation) -> list[Match]:
        """The terms to enforce in ``sentence``: glossary matches and, with number
        repair, the numbers its plain translation lacks, where the model is sure of
        that translation (in an unsure one a number is flagged, not placed: which of
        its words stand for the number is no evidence either)."""
        found = enforceable_matches(self.matcher, sentence) if self.matcher is not None else []
        if self.extra is not None:
            found += [
                m
                for m in enforceable_matches(self.extra, sentence)
                if not any(f.start < m.end and m.start < f.end for f in found)
            ]
        if self.numbers and not self._unsure(plain):
            found += missing_numbers(
                sentence, plain.text, keep_digits=self.keep_digits, taken=found
            )
        # Source order, whatever added them: reports and injected sources rely on it.
        return sorted(found, key=lambda m: (m.start, m.end))

    def finish(
        self,
        sentences: Sequence[str],
        translations: Sequence[SentenceTranslation],
        decoder: SentenceTranslator,
    ) -> list[tuple[str, SentenceReport | None]]:
        results: list[tuple[str, SentenceReport | None]] = []
        work: list[Work] = []
        for index, (sentence, plain) in enumerate(zip(sentences, translations)):
            matches = self.matches(sentence, plain)
            if not matches:
                results.append((plain.text, None))
                continue
            expected = Counter(m.rendering for m in matches)
            present = rendering_counts(plain.text, expected)
            missing = Counter({r: n - present[r] for r, n in expected.items() if n > present[r]})
            item = self._work(index, sentence, matches, plain, missing)
            results.append((plain.text, item.report()))
            if missing:
                work.append(item)
        if work:
            self._place(work, decoder)
            for item in work:
                text = item.chosen.text if item.chosen is not None else item.plain.text
                results[item.index] = (text, item.report())
        return results

    def _work(
        self,
        index: int,
        sentence: str,
        matches: list[Match],
        plain: SentenceTranslation,
        missing: Counter[str],
    ) -> Work:
        # Only a sentence with something to place needs its translation's pieces.
        pieces = self.tokenizer.encode_target(plain.text) if missing else []
        groups = self.tokenizer.group_words(pieces)
        return Work(index, sentence, matches, plain, plain.text.split(), pieces, groups, missing)

    def _place(self, work: list[Work], decoder: SentenceTranslator) -> None:
        # 1. Attribution: the plain translation scored with the sentence, and with each
        # missing rendering written in place of its terms (every occurrence at once: the
        # words depending on any of them are that rendering's places); all sentences in
        # one call.
        pairs: list[tuple[str, Sequence[str]]] = []
        asked: list[tuple[Work, str | None]] = []
        for item in work:
            wanted = [r for r in sorted(item.missing) if self._placeable(item, r)]
            if not wanted:
                continue
            pairs.append((item.sentence, item.pieces))
            asked.append((item, None))
            for rendering in wanted:
                terms = [m for m in item.matches if m.rendering == rendering]
                pairs.append((contrast_source(item.sentence, terms), item.pieces))
                asked.append((item, rendering))
        full: dict[int, TokenScores] = {}
        contrast: dict[tuple[int, str], TokenScores] = {}
        for (item, term), scored in zip(asked, decoder.score(pairs)):
            if term is None:
                full[item.index] = scored
            else:
                contrast[(item.index, term)] = scored
        # 2. Candidates.
        for item in work:
            slots = self._slots(item, full.get(item.index), contrast)
            self._add(item, assignments(slots, self.rules))
        if self.mode == "inject":
            requests = [
                Request(injected_source(item.sentence, item.matches, item.missing)) for item in work
            ]
            for item, translation in zip(work, decoder.run(requests)):
                item.candidates.append(Candidate(translation.text, "injected"))
        # 3. The decoder finishes every sentence with an inserted rendering; where it
        # could finish none and no other candidate is left, the replacements of those
        # placements are placed alone.
        inserting = {
            item.index: [c.placement for c in item.candidates if c.prefix is not None]
            for item in work
        }
        Continuations(self.tokenizer, self.rules).finish(work, decoder)
        for item in work:
            if not any(
                c.method in ("inserted", "replaced") and item.keeps(c.text) and item.placed(c.text)
                for c in item.candidates
            ):
                self._add(item, [p for p in map(without_insertions, inserting[item.index]) if p])
        # 4. Rank what keeps every rendering the plain translation had.
        to_rank: list[Work] = []
        for item in work:
            item.candidates = [c for c in item.candidates if item.keeps(c.text)]
            placed = [item.placed(c.text) for c in item.candidates]
            most = max(placed, default=0)
            # A candidate that places nothing would change the sentence for no name.
            item.candidates = [c for c, n in zip(item.candidates, placed) if most and n == most]
            # A lone replacement needs no score; anything the decoder wrote is scored,
            # to be held against the plain translation.
            if len(item.candidates) == 1 and item.candidates[0].method == "replaced":
                item.chosen = item.candidates[0]
            elif item.candidates:
                to_rank.append(item)
        self._rank(to_rank, decoder, full)
        for item in work:
            item.record()

    def _add(self, item: Work, placements: Sequence[Placement]) -> None:
        persons = {m.rendering for m in item.matches if m.entry.type == "person"}
        seen = {c.text for c in item.candidates}
        for placement in placements:
            for candidate in candidates(item.words, placement, persons):
                if candidate.text not in seen:
                    seen.add(candidate.text)
                    item.candidates.append(candidate)

    def _slots(
        self, item: Work, full: TokenScores | None, contrast: dict[tuple[int, str], TokenScores]
    ) -> list[Slot]:
        rules = self.rules
        words = item.words
        aligned = len(item.groups) == len(words)
        frozen = item.frozen
        # Output numbers the source lacks: a number's repair may replace them.
        repair = any(m.entry.type == NUMBER_TYPE for m in item.matches)
        wrong = wrong_number_words(words, item.sentence) if repair else set()
        slots: list[Slot] = []
        starts = {m.rendering: m.start for m in reversed(item.matches)}
        for rendering in sorted(item.missing, key=lambda r: starts[r]):
            spans: dict[tuple[int, int], Span] = {}
            points: list[Span] = []
            fallback: list[Span] = []
            ambiguous = False
            # A wrong number may be replaced by a number's repair (words with digits
            # are otherwise never touched).
            number = any(
                m.rendering == rendering and m.entry.type == NUMBER_TYPE for m in item.matches
            )
            held = frozen - wrong if number else frozen
            scored = contrast.get((item.index, rendering))
            if scored is None or full is None or not aligned:
                deltas = [0.0] * len(words)
            else:
                deltas = word_deltas(item.groups, full.log_probs, scored.log_probs)
            for match in item.matches:
                if match.rendering != rendering:
                    continue
                ambiguous = ambiguous or is_ambiguous(match, rules)
                name = match.entry.type not in ("term", NUMBER_TYPE)
                found = term_spans(words, deltas, held, name=name, rules=rules)
                if number:
                    # A number replaces only a wrong number the model wrote (attributed
                    # first, then each in turn), never a word: else it is inserted.
                    found = [s for s in found if wrong.issuperset(range(s.first, s.last))]
                    found = found or [Span(i, i + 1, 0.0) for i in sorted(wrong)]
                place = match.start / max(1, len(item.sentence))
                slots_here = name_slots(words, held, rules, place) if name else []
                if not found:
                    found = slots_here
                fallback += [s for s in slots_here if s not in fallback]
                for span in found:
                    first, last = absorb_rendering_words(words, span.first, span.last, rendering)
                    if not held.intersection(range(first, last)):
                        span = Span(first, last, span.weight)
                    key = (span.first, span.last)
                    if key not in spans or spans[key].weight < span.weight:
                        spans[key] = span
                for point in insertion_points(words, deltas, held, rules, place):
                    if point not in points:
                        points.append(point)
            # Strongest attribution first; name slots (no attribution) keep the order
            # they were offered in.
            ranked = sorted(spans.values(), key=lambda s: -round(s.weight, rules.score_decimals))
            if self._spelled_only(item, rendering):
                ranked = [
                    Span(first, last, sum(deltas[first:last]))
                    for first, last in spelled_like(words, held, rendering)
                ]
                ranked.sort(key=lambda s: -round(s.weight, rules.score_decimals))
                fallback = []
                if not ranked and not ambiguous:
                    item.notes.append(
                        f"{rendering!r}: low confidence, and no spelling of it to replace"
                    )
            if ambiguous:
                # Placed only where the model itself rendered a name from the word.
                ranked = [
                    s
                    for s in ranked
                    if s.weight >= rules.attribution_min
                    and any(words[i][:1].isupper() for i in range(s.first, s.last))
                ]
                if not ranked:
                    item.notes.append(f"{rendering!r}: ambiguous match left as translated")
                    for k, match in enumerate(item.matches):
                        if match.rendering == rendering:
                            item.methods.setdefault(k, "ambiguous")
                    continue
                points = []
            if self._unsure(item.plain):
                # In a translation the model itself is unsure of, where the decoder goes
                # on after a forced name is no evidence of a right place: on toy-news
                # every such insertion was wrong. Reported unplaced, and the sentence
                # is flagged low-confidence.
                points = []
            # A name the model wrote something for is replaced there; only a term with no
            # such place at all (the model dropped it) is offered insertion points.
            options = tuple(ranked[: rules.spans_per_term + 2] or points)
            spare = () if ambiguous else tuple(fallback[: rules.spans_per_term])
            slots += [Slot(rendering, options, spare)] * item.missing[rendering]
        return [slot for slot in slots if slot.options]

    def _placeable(self, item: Work, rendering: str) -> bool:
        """Whether the model's evidence can place ``rendering`` at all. In a
        translation the model is unsure of, a name only ever replaces name words
        (nothing is inserted there), so where it has none outside the renderings
        already in place, the name is left (unplaced, or ambiguous) without a scoring."""
        if not self._unsure(item.plain) or any(
            m.entry.type in ("term", NUMBER_TYPE) for m in item.matches if m.rendering == rendering
        ):
            return True
        if self._spelled_only(item, rendering):
            return bool(spelled_like(item.words, item.frozen, rendering))
        return any(i not in item.frozen and is_name_word(w) for i, w in enumerate(item.words))

    def _spelled_only(self, item: Work, rendering: str) -> bool:
        """In a translation the model is unsure of, a place or an organisation replaces
        only the model's own spelling of it (``EnforcementRules.unsure_spelled_types``)."""
        return self._unsure(item.plain) and all(
            m.entry.type in self.rules.unsure_spelled_types
            for m in item.matches
            if m.rendering == rendering
        )

    def _unsure(self, plain: SentenceTranslation) -> bool:
        score = plain.score
        return self.min_confidence is not None and score is not None and score < self.min_confidence

    def _rank(
        self, work: list[Work], decoder: SentenceTranslator, plain: dict[int, TokenScores]
    ) -> None:
        pairs: list[tuple[str, Sequence[str]]] = [
            (item.sentence, self.tokenizer.encode_target(candidate.text))
            for item in work
            for candidate in item.candidates
        ]
        scores = iter(decoder.score(pairs))
        places = self.rules.score_decimals
        for item in work:
            ranked = []
            base = plain.get(item.index)  # unscored in inject mode: no insertion there
            floor = base.mean - self.rules.max_continuation_drop if base else float("-inf")
            for position, candidate in enumerate(item.candidates):
                score = round(next(scores).mean, places)
                if candidate.method == "inserted" and score < floor:
                    continue
                if candidate.method == "injected":
                    score = round(score - self.rules.inject_margin, places)
                ranked.append((-score, position, candidate))
            ranked.sort(key=lambda entry: (entry[0], entry[1]))
            item.chosen = ranked[0][2] if ranked else None
