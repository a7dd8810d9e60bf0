"""Glossary enforcement: each matched term's rendering in a sentence the model ranked
best, and nothing else changed.

For every batch of sentences (all model calls batched across sentences, and each
sentence's result a function of that sentence alone):

1. *Check.* The model's plain translation already holds every rendering as often as
   the sentence has the term: kept as it is (``model``). No extra model call.
2. *Attribute.* Otherwise the plain translation is scored with and without each
   missing term in the source (:mod:`translate.enforce.attribution`): the words that
   depend on the term are the model's rendering of it.
3. *Candidates.* The plain translation with those spans replaced by the renderings
   (several terms: every non-overlapping assignment, best first), or, for a term the
   model dropped, with the rendering inserted at the boundaries the attribution points
   to; in ``inject`` mode also the translation of the source with the renderings put
   into it.
4. *Rank.* More than one candidate: the model scores each against the source
   (length-normalised log-probability, rounded, ties to the earlier candidate) and the
   best is kept. The order of several names follows the model, not the Arabic.

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
from itertools import product

from translate.enforce.attribution import (
    Span,
    insertion_points,
    name_slots,
    term_spans,
    word_deltas,
)
from translate.enforce.evidence import is_ambiguous
from translate.enforce.renderings import (
    absorb_rendering_words,
    frozen_words,
    rendering_counts,
    replace_span,
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
    """The matches the glossary enforces in ``text``, in order: a term inside a URL,
    e-mail address, @handle or #hashtag stays as written, since those spans come
    through translation unchanged."""
    matches = matcher.find(text)
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
    replaced: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    candidates: list[tuple[str, str, list[tuple[str, Span]]]] = field(default_factory=list)


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
            results.append((plain.text, None))
            item = self._work(index, sentence, matches, plain, missing)
            if not missing:
                results[index] = (plain.text, self._report(item))
            else:
                work.append(item)
        if work:
            self._place(work, decoder)
            for item in work:
                results[item.index] = (item.candidates[0][0], self._report(item))
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
        # Attribution: one scoring of the plain translation with the sentence, one per
        # missing occurrence without it; all sentences in one batched call.
        pairs: list[tuple[str, Sequence[str]]] = []
        asked: list[tuple[_Work, int | None]] = []
        for item in work:
            pairs.append((item.sentence, item.pieces))
            asked.append((item, None))
            for k, match in enumerate(item.matches):
                if item.missing[match.rendering]:
                    pairs.append((_contrast(item.sentence, match), item.pieces))
                    asked.append((item, k))
        injected: dict[int, SentenceTranslation] = {}
        if self.mode == "inject":
            requests = [Request(_injected(item)) for item in work]
            for item, translation in zip(work, decoder.run(requests)):
                injected[item.index] = translation
        scores = decoder.score(pairs)
        full: dict[int, TokenScores] = {}
        without: dict[tuple[int, int], TokenScores] = {}
        for (item, occurrence), scored in zip(asked, scores):
            if occurrence is None:
                full[item.index] = scored
            else:
                without[(item.index, occurrence)] = scored
        to_rank: list[_Work] = []
        for item in work:
            self._candidates(item, full[item.index], without)
            extra = injected.get(item.index)
            if extra is not None and _covers(extra.text, item):
                item.candidates.append((extra.text, "injected", []))
            if len(item.candidates) > 1:
                to_rank.append(item)
            elif not item.candidates:
                item.candidates.append((item.plain.text, "unplaced", []))
        self._rank(to_rank, decoder)
        for item in work:
            self._record(item)

    def _candidates(
        self, item: _Work, full: TokenScores, without: dict[tuple[int, int], TokenScores]
    ) -> None:
        rules = self.rules
        words = item.words
        aligned = len(item.groups) == len(words)
        frozen = frozen_words(words, Counter(m.rendering for m in item.matches))
        slots: list[tuple[str, list[Span]]] = []
        for rendering in sorted(item.missing, key=lambda r: _first(item, r)):
            spans: dict[tuple[int, int], Span] = {}
            points: list[Span] = []
            ambiguous = False
            name = False
            for k, match in enumerate(item.matches):
                if match.rendering != rendering:
                    continue
                ambiguous = ambiguous or is_ambiguous(match, rules)
                name = name or match.entry.type != "term"
                scored = without.get((item.index, k))
                if scored is None or not aligned:
                    deltas = [0.0] * len(words)
                else:
                    deltas = word_deltas(item.groups, full.log_probs, scored.log_probs)
                found = term_spans(words, deltas, frozen, name=name, rules=rules)
                if not found:
                    found = name_slots(words, frozen, rules) if name else []
                    found += insertion_points(words, deltas, frozen, rules)
                for span in found:
                    if not span.is_insertion:
                        first, last = absorb_rendering_words(
                            words, span.first, span.last, rendering
                        )
                        if not frozen.intersection(range(first, last)):
                            span = Span(first, last, span.weight)
                    key = (span.first, span.last)
                    if key not in spans or spans[key].weight < span.weight:
                        spans[key] = span
                points += [
                    p for p in insertion_points(words, deltas, frozen, rules) if p not in points
                ]
            ranked = sorted(
                spans.values(), key=lambda s: (-round(s.weight, rules.score_decimals), s.first)
            )
            if ambiguous:
                # Placed only where the model itself rendered a name from the word.
                ranked = [
                    s
                    for s in ranked
                    if s.weight >= rules.attribution_min
                    and any(words[i][:1].isupper() for i in range(s.first, s.last))
                ]
                points = []
                if not ranked:
                    item.notes.append(f"{rendering!r}: ambiguous match left as translated")
                    for k, match in enumerate(item.matches):
                        if match.rendering == rendering:
                            item.methods.setdefault(k, "ambiguous")
                    continue
            # A name the model wrote something for is replaced there; only a term with no
            # such place at all (the model dropped it) is offered insertion points.
            options = ranked[: rules.spans_per_term + 2] or points
            slots += [(rendering, options)] * item.missing[rendering]
        if not slots:
            item.candidates.append((item.plain.text, "model", []))
            return
        seen: set[str] = set()
        assignments: list[list[tuple[str, Span]]] = []
        for choice in product(*[options for _, options in slots]):
            if len(assignments) >= rules.max_candidates:
                break
            chosen = list(zip([r for r, _ in slots], choice))
            if not any(
                a.overlaps(b) for i, (_, a) in enumerate(chosen) for _, b in chosen[i + 1 :]
            ):
                assignments.append(chosen)
        if not assignments:
            # Every best-first combination collides: each term takes its best span
            # that is still free, in the order of the terms' strongest evidence.
            greedy: list[tuple[str, Span]] = []
            for rendering, options in slots:
                free = [o for o in options if not any(o.overlaps(s) for _, s in greedy)]
                if free:
                    greedy.append((rendering, free[0]))
            assignments.append(greedy)
        for chosen in assignments:
            for text in _texts(words, chosen, item):
                if text not in seen and _covers(text, item, skip=item.methods):
                    seen.add(text)
                    method = "inserted" if all(s.is_insertion for _, s in chosen) else "replaced"
                    item.candidates.append((text, method, chosen))

    def _rank(self, work: list[_Work], decoder: SentenceTranslator) -> None:
        pairs: list[tuple[str, Sequence[str]]] = [
            (item.sentence, self.tokenizer.encode_target(text))
            for item in work
            for text, _, _ in item.candidates
        ]
        scores = iter(decoder.score(pairs))
        places = self.rules.score_decimals
        for item in work:
            ranked = []
            for position, candidate in enumerate(item.candidates):
                score = round(next(scores).mean, places)
                if candidate[1] == "injected":
                    score = round(score - self.rules.inject_margin, places)
                ranked.append((-score, position, candidate))
            ranked.sort(key=lambda entry: (entry[0], entry[1]))
            item.candidates = [candidate for _, _, candidate in ranked]

    def _record(self, item: _Work) -> None:
        _, method, chosen = item.candidates[0]
        placed: Counter[str] = Counter(r for r, _ in chosen)
        if method == "injected":
            placed = Counter(item.missing)
        for span_rendering, span in chosen:
            if not span.is_insertion:
                words = " ".join(item.words[span.first : span.last])
                item.notes.append(f"{span_rendering!r} replaced {words!r}")
        present = rendering_counts(item.plain.text, item.missing)
        seen: Counter[str] = Counter()
        for k, match in enumerate(item.matches):
            if k in item.methods:
                continue
            rendering = match.rendering
            seen[rendering] += 1
            if not item.missing[rendering] or seen[rendering] <= present[rendering]:
                item.methods[k] = "model"
            elif placed[rendering] > 0:
                placed[rendering] -= 1
                item.methods[k] = method if method != "model" else "unplaced"
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


def _covers(text: str, item: _Work, skip: dict[int, str] | None = None) -> bool:
    """Every rendering stands in ``text`` as often as the sentence has its term (the
    occurrences in ``skip``, left as translated, aside)."""
    expected = Counter(m.rendering for k, m in enumerate(item.matches) if k not in (skip or {}))
    counts = rendering_counts(text, expected)
    return all(counts[r] >= n for r, n in expected.items())


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


def _texts(words: list[str], chosen: list[tuple[str, Span]], item: _Work) -> list[str]:
    """The candidate sentence for one assignment, and, where a person's rendering
    follows "the", the same without the article (a name takes none)."""
    persons = {m.rendering for m in item.matches if m.entry.type == "person"}
    edits = sorted(chosen, key=lambda rs: (rs[1].first, rs[1].last), reverse=True)
    out = list(words)
    article_edits = list(edits)
    for rendering, span in edits:
        out = replace_span(out, span.first, span.last, rendering)
    texts = [" ".join(out)]
    if any(
        r in persons and s.first > 0 and words[s.first - 1].lower() == "the"
        for r, s in article_edits
    ):
        out = list(words)
        for rendering, span in article_edits:
            first = span.first
            if rendering in persons and first > 0 and words[first - 1].lower() == "the":
                first -= 1
            out = replace_span(out, first, span.last, rendering)
        texts.append(" ".join(out))
    return texts
