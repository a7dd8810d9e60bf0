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
from translate.enforce.evidence import is_ambiguous
from translate.enforce.renderings import (
    absorb_rendering_words,
    frozen_words,
    rendering_counts,
    rewording,
)
from translate.enforce.rules import DEFAULT_RULES, EnforcementRules
from translate.engine.decoding import Request, SentenceTranslation, SentenceTranslator, TokenScores
from translate.engine.pipeline import MatchReport, SentenceReport
from translate.engine.tokenizer import Tokenizer
from translate.glossary.matcher import Match, Matcher
from translate.glossary.model import Glossary
from translate.options import GlossaryMode
from translate.text.protect import find_protected

logger = logging.getLogger(__name__)


def enforceable_matches(matcher: Matcher, text: str) -> list[Match]:
    """The matches the glossary enforces in ``text``, in order. ``ignore`` entries are
    found (a longer form wins over a shorter one inside it) and dropped here; a term
    inside a URL, e-mail address, @handle or #hashtag stays as written, since those
    spans come through translation unchanged."""
    matches = [m for m in matcher.find(text) if not m.entry.ignore]
    protected = find_protected(text)
    if protected:
        matches = [
            m
            for m in matches
            if not any(span.start < m.end and m.start < span.end for span in protected)
        ]
    return sorted(matches, key=lambda m: (m.start, m.end))


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

    # -- stages -----------------------------------------------------------------------

    def _work(
        self,
        index: int,
        sentence: str,
        matches: list[Match],
        plain: SentenceTranslation,
        missing: Counter[str],
    ) -> _Work:
        words = plain.text.split()
        pieces = self.tokenizer.encode_target(plain.text)
        groups = self.tokenizer.group_words(pieces)
        return _Work(index, sentence, matches, plain, words, pieces, groups, missing)

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
                    pairs.append((_contrast(item.sentence, match), item.pieces))
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
            requests = [Request(_injected(item)) for item in work]
            for item, translation in zip(work, decoder.run(requests)):
                item.candidates.append(Candidate(translation.text, "injected"))
        # 3. The decoder finishes every sentence with an inserted rendering.
        self._continue(work, decoder)
        # 4. Rank what keeps every rendering the plain translation had.
        to_rank: list[_Work] = []
        for item in work:
            item.candidates = [c for c in item.candidates if self._keeps(c.text, item)]
            most = max((self._placed(c.text, item) for c in item.candidates), default=0)
            item.candidates = [c for c in item.candidates if self._placed(c.text, item) == most]
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
        for rendering in sorted(item.missing, key=lambda r: _first(item, r)):
            spans: dict[tuple[int, int], Span] = {}
            points: list[Span] = []
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
                if not found and name:
                    found = name_slots(words, frozen, rules, place)
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
            slots += [Slot(rendering, options)] * item.missing[rendering]
        return [slot for slot in slots if slot.options]

    def _continue(self, work: list[_Work], decoder: SentenceTranslator) -> None:
        asked: list[tuple[_Work, int]] = []
        requests: list[Request] = []
        for item in work:
            for position, candidate in enumerate(item.candidates):
                if candidate.prefix is not None:
                    prefix = tuple(self.tokenizer.encode_target(candidate.prefix))
                    # Alternatives at the first free position: the best that starts a
                    # new word is kept, so no letters are glued onto the name.
                    requests.append(
                        Request(
                            item.sentence,
                            prefix=prefix,
                            num_alternatives=self.rules.continuation_alternatives,
                        )
                    )
                    asked.append((item, position))
        skip = len(self.tokenizer.target_prefix)
        finished_by: dict[tuple[int, int], list[Candidate]] = {}
        for (item, position), request, finished in zip(asked, requests, decoder.run(requests)):
            old = item.candidates[position]
            names = {w for m in item.matches for w in m.rendering.split()}
            start = skip + len(request.prefix)
            # Every continuation that starts a new word is a candidate, as long as it
            # rewords little; one that glues letters onto the name ("Shoigu" + "i") or
            # rewrites more of the sentence is no longer the model's translation with
            # a name added.
            texts: list[str] = []
            for tokens in (finished.tokens, *finished.alternatives):
                if self._glued(tokens, start):
                    continue
                text = self.tokenizer.decode_target(list(tokens))
                if text not in texts and (
                    rewording(item.plain.text, text, names) <= self.rules.max_rewording
                ):
                    texts.append(text)
            finished_by[(item.index, position)] = [
                Candidate(text, "inserted", old.placement) for text in texts
            ]
        for item in work:
            kept: list[Candidate] = []
            for position, candidate in enumerate(item.candidates):
                if candidate.prefix is None:
                    kept.append(candidate)
                else:
                    kept += finished_by.get((item.index, position), [])
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
        matches: list[MatchReport] = []
        for k, match in enumerate(item.matches):
            matches.append(
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
            )
        return SentenceReport(item.sentence, tuple(matches), tuple(item.notes))


def _first(item: _Work, rendering: str) -> int:
    return min(m.start for m in item.matches if m.rendering == rendering)


def _contrast(sentence: str, match: Match) -> str:
    """The sentence with the term's rendering written in place of the Arabic term (its
    proclitics other than the article kept, so "and", "to" stay explained). Words of
    the plain translation that the model rendered from the term become unlikely here,
    and only those: deleting the term instead would leave a template's name slot that
    the model fills with the same substitute."""
    particles = f"{match.particles} " if match.particles else ""
    kept = f"{sentence[: match.start]} {particles}{match.rendering} {sentence[match.end :]}"
    return " ".join(kept.split())


def _injected(item: _Work) -> str:
    """The sentence with each missing term's rendering in place of the Arabic term."""
    out = []
    cursor = 0
    for match in item.matches:
        if not item.missing[match.rendering]:
            continue
        out.append(item.sentence[cursor : match.start])
        out.append(f"{match.particles} {match.rendering}" if match.particles else match.rendering)
        cursor = match.end
    out.append(item.sentence[cursor:])
    return " ".join("".join(out).split())
