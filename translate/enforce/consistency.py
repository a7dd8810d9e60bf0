"""One rendering per name within a document, for names no glossary lists.

An article spells شويغو and شويجو, or the model renders the same spelling "Shoigu" in
one sentence and "Shoygu" in the next: a reader takes them for two people. For one
document (a file of ``translate files``, an input or ``--document-separator`` block of
the pipe) this module:

1. finds the probable names of the document that the glossaries in use do not cover
   (:mod:`translate.glossary.discovery`, model-free);
2. observes how the model rendered each occurrence in its plain translation
   (:mod:`translate.enforce.observed`);
3. where a name seen at least twice was rendered in two or more ways, chooses one
   among the *confident* renderings: capitalised, depended on by the translation
   (attribution of at least ``attribution_min``) and a plausible spelling of the Arabic
   (:mod:`translate.text.transliteration`), so a substitute the model invented
   ("Lavrov" for شويغو) is never spread through the document. The spelling most of
   them share wins, then the one the model was surest of by its own score (mean
   log-probability of the rendering's pieces), then the first. Measured on the toy
   documents (``benchmarks/names_benchmark.py``): the surest alone, or the first, often
   spread a one-off misspelling over a right majority and lowered BLEU; the majority
   raised it. With no confident rendering the name is left as the model wrote it;
4. returns glossary entries for those names, which the caller enforces like any other
   glossary term (same placement, same no-collateral rules), reported as
   ``consistency``.

Never across documents: the entries live only for the document they came from.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from translate.enforce.observed import Observation, observe
from translate.enforce.rules import DEFAULT_RULES, EnforcementRules
from translate.enforce.sources import CONSISTENCY_SOURCE
from translate.engine.decoding import SentenceTranslation, SentenceTranslator
from translate.engine.tokenizer import Tokenizer
from translate.glossary.discovery import NameCandidate, find_candidates
from translate.glossary.matcher import Matcher
from translate.glossary.model import Entry
from translate.text.transliteration import spelling_in


@dataclass(frozen=True)
class NameRenderings:
    """How the model rendered one probable name across a document."""

    candidate: NameCandidate
    observations: tuple[Observation, ...]

    @property
    def renderings(self) -> Counter[str]:
        return Counter(o.rendering for o in self.observations if o.capitalised)

    def confident(self, rules: EnforcementRules = DEFAULT_RULES) -> tuple[Observation, str] | None:
        """The occurrence whose spelling the document should use, and that spelling
        (see the module docstring): among the confident renderings, the most shared
        spelling, then the model's surest, then the first."""
        found: list[tuple[Observation, str]] = []
        for occurrence, observation in zip(self.candidate.occurrences, self.observations):
            if not observation.capitalised or observation.weight < rules.attribution_min:
                continue
            spelling = spelling_in(occurrence.stem, observation.rendering)
            if spelling is not None:
                found.append((observation, spelling))
        if not found:
            return None
        votes = Counter(spelling for _, spelling in found)
        places = rules.score_decimals
        # Most occurrences first, then the model's surest, then the earliest.
        ranked = sorted(
            range(len(found)),
            key=lambda i: (-votes[found[i][1]], -round(found[i][0].confidence, places), i),
        )
        return found[ranked[0]]


def stem_span(candidate: NameCandidate) -> list[tuple[int, int, int]]:
    """``(line, start, end)`` of each occurrence's stem (proclitics left out, so "and",
    "to" stay the model's). The stem is the surface's ending once diacritics are set
    aside (وَشويغُو: شويغو), so its start is found on the surface's letters."""
    spans = []
    for occurrence in candidate.occurrences:
        letters = [i for i, c in enumerate(occurrence.surface) if not unicodedata.combining(c)]
        skip = len(letters) - len(occurrence.stem)
        start = occurrence.start + (letters[skip] if 0 < skip < len(letters) else 0)
        spans.append((occurrence.line, start, occurrence.end))
    return spans


def name_renderings(
    sentences: Sequence[str],
    translations: Sequence[SentenceTranslation],
    decoder: SentenceTranslator,
    tokenizer: Tokenizer,
    *,
    skip: Matcher | None = None,
    min_count: int = 1,
    rules: EnforcementRules = DEFAULT_RULES,
) -> list[NameRenderings]:
    """The probable names of ``sentences`` seen at least ``min_count`` times, each with
    the model's rendering of every occurrence (one batched scoring call)."""
    candidates = [c for c in find_candidates(sentences, skip=skip) if c.count >= min_count]
    return observe_names(candidates, sentences, translations, decoder, tokenizer, rules)


def observe_names(
    candidates: Sequence[NameCandidate],
    sentences: Sequence[str],
    translations: Sequence[SentenceTranslation],
    decoder: SentenceTranslator,
    tokenizer: Tokenizer,
    rules: EnforcementRules = DEFAULT_RULES,
) -> list[NameRenderings]:
    """Each candidate with the model's rendering of each of its occurrences."""
    spans = [span for candidate in candidates for span in stem_span(candidate)]
    observed = iter(observe(spans, sentences, translations, decoder, tokenizer, rules))
    return [NameRenderings(c, tuple(next(observed) for _ in c.occurrences)) for c in candidates]


def consistency_entries(
    names: Sequence[NameRenderings], rules: EnforcementRules = DEFAULT_RULES
) -> list[Entry]:
    """Entries that make each inconsistently rendered name read one way."""
    entries: list[Entry] = []
    for name in names:
        if name.candidate.count < 2 or len(name.renderings) < 2:
            continue
        chosen = name.confident(rules)
        if chosen is None:
            continue
        observation, spelling = chosen
        entries.append(
            Entry(
                english=spelling,
                forms=tuple(form for form, _ in name.candidate.forms),
                type=None,
                note=f"as first rendered in sentence {observation.sentence + 1}",
                source=CONSISTENCY_SOURCE,
            )
        )
    return entries
