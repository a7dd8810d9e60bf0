"""Glossary enforcement: each matched term's rendering in a sentence the model ranked
best, and nothing else changed.

For every batch of sentences (all model calls batched across sentences, and each
sentence's result a function of that sentence alone):

1. *Check.* The model's plain translation already holds every rendering as often as
   the sentence has the term: kept as it is (``model``). No extra model call.
2. *Attribute.* Otherwise the plain translation is scored with and without each
   missing term in the source (:mod:`translate.enforce.attribution`): the words that
   depend on the term are the model's rendering of it.
3. *Candidates* (:mod:`translate.enforce.candidates`). The plain translation with
   those spans replaced by the renderings (several terms: every non-overlapping
   assignment, best first). A term the model dropped is offered insertion points, and
   the decoder writes the rest of the sentence after the inserted rendering (a forced
   target prefix), so its neighbours are the model's own words, never a paste. In
   ``inject`` mode the translation of the source with the renderings put into it is a
   candidate too.
4. *Rank.* More than one candidate: the model scores each against the source
   (length-normalised log-probability, rounded, ties to the earlier candidate) and the
   best is kept; a candidate that places fewer renderings (two terms, one place) only
   wins where none places them all. The order of several names follows the model, not
   the Arabic.

An *ambiguous* match (an entry marked ``ambiguous``, or a short word matched only as a
spelling variant) is placed only where the model's own translation has a capitalised
word depending on it, i.e. where the model itself read a name; elsewhere the word is
the common word it resembles (بحماس "enthusiastically", not Hamas) and is left alone
(``ambiguous`` in the report). An occurrence that cannot be placed is reported
(``unplaced``) and logged, never pasted.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from translate.enforce.attribution import (
    Span,
    insertion_points,
    name_slots,
    term_spans,
    word_deltas,
)
from translate.enforce.candidates import Candidate, Slot, assignments, candidates
from translate.enforce.renderings import (
    absorb_rendering_words,
    frozen_words,
    rendering_counts,
    rewording,
)
from translate.enforce.rules import DEFAULT_RULES, EnforcementRules
from translate.enforce.sources import (
    contrast_source,
    enforceable_matches,
    injected_source,
    is_ambiguous,
)
from translate.engine.decoding import Request, SentenceTranslation, SentenceTranslator, TokenScores
from translate.engine.pipeline import MatchReport, SentenceReport
from translate.engine.tokenizer import Tokenizer
from translate.glossary.matcher import Match
from translate.glossary.model import Glossary
from translate.options import GlossaryMode

logger = logging.getLogger(__name__)


@dataclass
class _Work:
    """One sentence whose plain translation lacks a rendering."""

    index: int
    sentence: str
    matches: list[Match]
    plain: SentenceTranslation
    words: list[str]
    pieces: list[str]
    groups: list[list[int]]
    missing: Counter[str]
    methods: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    chosen: Candidate | None = None


class GlossaryPlacer:
    """The :class:`~translate.engine.pipeline.SentenceHook` that enforces a glossary."""

    def __init__(
        self,
        glossary: Glossary,
        tokenizer: Tokenizer,
        mode: GlossaryMode = "align",
        rules: EnforcementRules = DEFAULT_RULES,
    ) -> None:
        self.glossary = glossary
        self.matcher = glossary.matcher()
        self.tokenizer = tokenizer
        self.mode = mode
        self.rules = rules

    def finish(
        self,
        sentences: Sequence[str],
        translations: Sequence[SentenceTranslation],
        decoder: SentenceTranslator,
    ) -> list[tuple[str, SentenceReport | None]]:
        results: list[tuple[str, SentenceReport | None]] = []
        work: list[_Work] = []
        for index, (sentence, plain) in enumerate(zip(sentences, translations)):
            matches = enforceable_matches(self.matcher, sentence)
            if not matches:
                results.append((plain.text, None))
                continue
            expected = Counter(m.rendering for m in matches)
            present = rendering_counts(plain.text, expected)
            missing = Counter({r: n - present[r] for r, n in expected.items() if n > present[r]})
            item = self._work(index, sentence, matches, plain, missing)
            results.append((plain.text, self._report(item)))
            if missing:
                work.append(item)
        if work:
            self._place(work, decoder)
            for item in work:
                text = item.chosen.text if item.chosen is not None else item.plain.text
                results[item.index] = (text, self._report(item))
        return results

    def _work(
        self,
        index: int,
        sentence: str,
        matches: list[Match],
        plain: SentenceTranslation,
        missing: Counter[str],
    ) -> _Work:
        # Only a sentence with something to place needs its translation's pieces.
        pieces = self.tokenizer.encode_target(plain.text) if missing else []
        groups = self.tokenizer.group_words(pieces)
        return _Work(index, sentence, matches, plain, plain.text.split(), pieces, groups, missing)

    def _place(self, work: list[_Work], decoder: SentenceTranslator) -> None:
        # 1. Attribution: the plain translation scored with the sentence, and with each
        # missing term's rendering written in its place; all sentences in one call.
        pairs: list[tuple[str, Sequence[str]]] = []
        asked: list[tuple[_Work, int | None]] = []
        for item in work:
            pairs.append((item.sentence, item.pieces))
            asked.append((item, None))
            for k, match in enumerate(item.matches):
                if item.missing[match.rendering]:
                    pairs.append((contrast_source(item.sentence, match), item.pieces))
                    asked.append((item, k))
        full: dict[int, TokenScores] = {}
        contrast: dict[tuple[int, int], TokenScores] = {}
        for (item, occurrence), scored in zip(asked, decoder.score(pairs)):
            if occurrence is None:
                full[item.index] = scored
            else:
                contrast[(item.index, occurrence)] = scored
        # 2. Candidates.
        for item in work:
            slots = self._slots(item, full[item.index], contrast)
            persons = {m.rendering for m in item.matches if m.entry.type == "person"}
            seen: set[str] = set()
            for placement in assignments(slots, self.rules):
                for candidate in candidates(item.words, placement, persons):
                    if candidate.text not in seen:
                        seen.add(candidate.text)
                        item.candidates.append(candidate)
        if self.mode == "inject":
            requests = [
                Request(injected_source(item.sentence, item.matches, item.missing)) for item in work
            ]
            for item, translation in zip(work, decoder.run(requests)):
                item.candidates.append(Candidate(translation.text, "injected"))
        # 3. The decoder finishes every sentence with an inserted rendering.
        self._continue(work, decoder)
        # 4. Rank what keeps every rendering the plain translation had.
        to_rank: list[_Work] = []
        for item in work:
            item.candidates = [c for c in item.candidates if self._keeps(c.text, item)]
            most = max((self._placed(c.text, item) for c in item.candidates), default=0)
            # A candidate that places nothing would change the sentence for no name.
            item.candidates = [
                c for c in item.candidates if most and self._placed(c.text, item) == most
            ]
            # A lone replacement needs no score; anything the decoder wrote is scored,
            # to be held against the plain translation.
            if len(item.candidates) == 1 and item.candidates[0].method == "replaced":
                item.chosen = item.candidates[0]
            elif item.candidates:
                to_rank.append(item)
        self._rank(to_rank, decoder, full)
        for item in work:
            self._record(item)

    def _slots(
        self, item: _Work, full: TokenScores, contrast: dict[tuple[int, int], TokenScores]
    ) -> list[Slot]:
        rules = self.rules
        words = item.words
        aligned = len(item.groups) == len(words)
        frozen = frozen_words(words, Counter(m.rendering for m in item.matches))
        slots: list[Slot] = []
        starts = {m.rendering: m.start for m in reversed(item.matches)}
        for rendering in sorted(item.missing, key=lambda r: starts[r]):
            spans: dict[tuple[int, int], Span] = {}
            points: list[Span] = []
            fallback: list[Span] = []
            ambiguous = False
            for k, match in enumerate(item.matches):
                if match.rendering != rendering:
                    continue
                ambiguous = ambiguous or is_ambiguous(match, rules)
                name = match.entry.type != "term"
                scored = contrast.get((item.index, k))
                if scored is None or not aligned:
                    deltas = [0.0] * len(words)
                else:
                    deltas = word_deltas(item.groups, full.log_probs, scored.log_probs)
                found = term_spans(words, deltas, frozen, name=name, rules=rules)
                place = match.start / max(1, len(item.sentence))
                slots_here = name_slots(words, frozen, rules, place) if name else []
                if not found:
                    found = slots_here
                fallback += [s for s in slots_here if s not in fallback]
                for span in found:
                    first, last = absorb_rendering_words(words, span.first, span.last, rendering)
                    if not frozen.intersection(range(first, last)):
                        span = Span(first, last, span.weight)
                    key = (span.first, span.last)
                    if key not in spans or spans[key].weight < span.weight:
                        spans[key] = span
                for point in insertion_points(words, deltas, frozen, rules, place):
                    if point not in points:
                        points.append(point)
            # Strongest attribution first; name slots (no attribution) keep the order
            # they were offered in.
            ranked = sorted(spans.values(), key=lambda s: -round(s.weight, rules.score_decimals))
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
            # A name the model wrote something for is replaced there; only a term with no
            # such place at all (the model dropped it) is offered insertion points.
            options = tuple(ranked[: rules.spans_per_term + 2] or points)
            spare = () if ambiguous else tuple(fallback[: rules.spans_per_term])
            slots += [Slot(rendering, options, spare)] * item.missing[rendering]
        return [slot for slot in slots if slot.options]

    def _continue(self, work: list[_Work], decoder: SentenceTranslator) -> None:
        """Have the decoder write the rest of each sentence after its inserted
        rendering: greedily, which mostly retraces the plain translation's words; where
        that glues letters onto the name ("Shoigu" + "i"), once more with alternatives
        at the first free position, keeping those that start a new word."""
        asked: list[tuple[_Work, int, Request]] = []
        for item in work:
            for position, candidate in enumerate(item.candidates):
                if candidate.prefix is not None:
                    prefix = tuple(self.tokenizer.encode_target(candidate.prefix))
                    asked.append((item, position, Request(item.sentence, prefix, beam_size=1)))
        skip = len(self.tokenizer.target_prefix)
        texts: dict[tuple[int, int], list[str]] = {}
        retry: list[tuple[_Work, int, Request]] = []
        finished = decoder.run([request for _, _, request in asked])
        for (item, position, request), translation in zip(asked, finished):
            if self._glued(translation.tokens, skip + len(request.prefix)):
                wider = Request(
                    request.source,
                    request.prefix,
                    num_alternatives=self.rules.continuation_alternatives,
                    beam_size=1,
                )
                retry.append((item, position, wider))
            else:
                texts[(item.index, position)] = [translation.text]
        finished = decoder.run([request for _, _, request in retry])
        for (item, position, request), translation in zip(retry, finished):
            start = skip + len(request.prefix)
            texts[(item.index, position)] = [
                self.tokenizer.decode_target(list(tokens))
                for tokens in (translation.tokens, *translation.alternatives)
                if not self._glued(tokens, start)
            ]
        for item in work:
            names = {w for m in item.matches for w in m.rendering.split()}
            kept: list[Candidate] = []
            for position, candidate in enumerate(item.candidates):
                if candidate.prefix is None:
                    kept.append(candidate)
                    continue
                # The decoder may reword around the name, a little; a continuation
                # that rewrites more of the sentence is no longer the model's
                # translation with a name added.
                for text in texts.get((item.index, position), []):
                    if rewording(item.plain.text, text, names) <= self.rules.max_rewording:
                        if all(text != k.text for k in kept):
                            kept.append(Candidate(text, "inserted", candidate.placement))
            item.candidates = kept

    def _glued(self, tokens: Sequence[str], start: int) -> bool:
        """The first piece after the prefix continues the rendering's last word with
        letters ("Shoigu" + "i"); punctuation may follow a name directly."""
        if start == 0 or len(tokens) <= start:
            return False
        joined = len(self.tokenizer.group_words([tokens[start - 1], tokens[start]])) == 1
        return joined and tokens[start][:1].isalnum()

    def _keeps(self, text: str, item: _Work) -> bool:
        """No rendering stands fewer times than in the plain translation (up to what
        the sentence needs): a candidate never costs a name already right."""
        expected = Counter(m.rendering for m in item.matches)
        before = rendering_counts(item.plain.text, expected)
        after = rendering_counts(text, expected)
        return all(after[r] >= min(before[r], n) for r, n in expected.items())

    def _placed(self, text: str, item: _Work) -> int:
        counts = rendering_counts(text, item.missing)
        before = rendering_counts(item.plain.text, item.missing)
        return sum(min(counts[r], n + before[r]) - before[r] for r, n in item.missing.items())

    def _rank(
        self, work: list[_Work], decoder: SentenceTranslator, plain: dict[int, TokenScores]
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
            floor = plain[item.index].mean - self.rules.max_continuation_drop
            for position, candidate in enumerate(item.candidates):
                score = round(next(scores).mean, places)
                if candidate.method == "inserted" and score < floor:
                    continue
                if candidate.method == "injected":
                    score = round(score - self.rules.inject_margin, places)
                ranked.append((-score, position, candidate))
            ranked.sort(key=lambda entry: (entry[0], entry[1]))
            item.chosen = ranked[0][2] if ranked else None

    def _record(self, item: _Work) -> None:
        chosen = item.chosen
        text = chosen.text if chosen is not None else item.plain.text
        method = chosen.method if chosen is not None else "unplaced"
        if chosen is not None:
            for rendering, span in chosen.placement:
                if not span.is_insertion:
                    words = " ".join(item.words[span.first : span.last])
                    item.notes.append(f"{rendering!r} replaced {words!r}")
        before = rendering_counts(item.plain.text, item.missing)
        after = rendering_counts(text, item.missing)
        seen: Counter[str] = Counter()
        for k, match in enumerate(item.matches):
            if k in item.methods:
                continue
            rendering = match.rendering
            seen[rendering] += 1
            if not item.missing[rendering] or seen[rendering] <= before[rendering]:
                item.methods[k] = "model"
            elif seen[rendering] <= after[rendering]:
                item.methods[k] = method
            else:
                item.methods[k] = "unplaced"
        if "unplaced" in item.methods.values():
            logger.info("glossary: could not place every rendering in %r", item.sentence)

    def _report(self, item: _Work) -> SentenceReport:
        matches: list[MatchReport] = [
            {
                "arabic": match.surface,
                "start": match.start,
                "end": match.end,
                "clitic": match.clitic,
                "entry": match.entry.english,
                "rendering": match.rendering,
                "variant": match.variant,
                "enforced": item.methods.get(k, "model"),
            }
            for k, match in enumerate(item.matches)
        ]
        return SentenceReport(item.sentence, tuple(matches), tuple(item.notes))
