"""``translate glossary suggest``: names of a corpus that need a glossary entry.

For every probable name the corpus holds that the glossaries in use do not cover
(:mod:`translate.glossary.discovery`: titles and roles around it, letters Arabic writes
only in foreign names, spellings that vary across the corpus), each occurrence is
translated in context and the English the model wrote for it is found
(:mod:`translate.enforce.observed`). A name then gets a :class:`Suggestion`:

* the renderings seen and how often ("Shoigu x3, Erdogan x2, Batrushev x1");
* a proposed rendering: the most frequent one that is a plausible spelling of the
  Arabic (:mod:`translate.text.transliteration`), so a name the model substitutes
  ("Lavrov" for شويغو) is never proposed as its own rendering;
* a verdict: ``inconsistent`` (two or more renderings), ``substituted`` (no rendering
  is a spelling of the name), ``common-word`` (rendered as lowercase words),
  ``untransliterated`` (Arabic left), ``dropped`` (no words depend on it) or
  ``consistent``;
* ``change``: occurrences x disagreement (the share of occurrences not rendered as
  proposed), which orders the file: the entries that would change most come first.

The result is a glossary file in the project's format (``glossary check`` accepts it),
each entry's ``note`` carrying the counts, renderings and an example line.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from translate.enforce.consistency import NameRenderings, observe_names
from translate.engine.pipeline import has_arabic_letter
from translate.text.transliteration import spelling_in

if TYPE_CHECKING:
    from translate.translator import Translator

logger = logging.getLogger(__name__)

#: Rendering shown for an occurrence no words of the translation depend on.
DROPPED = "(dropped)"

#: Candidates with less Arabic evidence than discovery asks for (a score from this
#: on, and words used often without a title, which its frequency rule drops) are
#: looked at too, where the evidence is about the word itself (a title, a spelling
#: variant, an ending, a foreign letter: standing next to a name is not enough, verbs
#: do), and kept where the model wrote a capitalised word for at least this share of
#: their occurrences. On the toy-world corpus this recovered the often-cited names
#: (غروسي, أردوغان, بيسكوف) and left out the verbs (اجتمع, يبحث, وقع).
WEAK_MIN_SCORE = 0.5
MODEL_NAME_SHARE = 0.5

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Suggestion:
    key: str
    forms: tuple[tuple[str, int], ...]
    count: int
    renderings: tuple[tuple[str, int], ...]
    proposed: str
    verdict: str
    change: float
    kind: str | None
    evidence: tuple[tuple[str, int], ...]
    example: str

    def note(self) -> str:
        seen = ", ".join(f"{r} x{n}" for r, n in self.renderings) or "none"
        return (
            f"{self.verdict}: seen {self.count} times; model renderings: {seen}; "
            f"e.g. {self.example}"
        )

    def entry(self) -> dict[str, Any]:
        """The glossary entry (the project's YAML format)."""
        entry: dict[str, Any] = {"english": self.proposed, "arabic": [f for f, _ in self.forms]}
        if self.kind:
            entry["type"] = self.kind
        entry["note"] = self.note()
        return entry

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "forms": dict(self.forms),
            "count": self.count,
            "renderings": dict(self.renderings),
            "proposed": self.proposed,
            "verdict": self.verdict,
            "change": self.change,
            "type": self.kind,
            "evidence": dict(self.evidence),
            "example": self.example,
        }


def _kind(evidence: Sequence[tuple[str, int]]) -> str | None:
    titles = {kind.split(":", 1)[1] for kind, _ in evidence if kind.startswith("title:")}
    if titles & {"وكالة", "صحيفة", "قناة", "شركة", "مجموعة", "منظمة", "حركة", "حزب", "جامعة"}:
        return "organization"
    if titles & {"مدينة", "ولاية", "مقاطعة", "إقليم", "جزيرة", "بلدة"}:
        return "place"
    return "person" if titles else None


def judge(name: NameRenderings, sentences: Sequence[str]) -> Suggestion:
    """The suggestion for one probable name and how the model rendered it."""
    candidate = name.candidate
    stem = candidate.forms[0][0]
    seen: Counter[str] = Counter(
        (DROPPED if not o.rendering else o.rendering) for o in name.observations
    )
    # What the model wrote that spells the name ("Fuad" in "Fuad Hussein" for فؤاد).
    spellings: Counter[str] = Counter()
    for rendering, count in seen.items():
        spelling = spelling_in(stem, rendering) if rendering[:1].isupper() else None
        if spelling is not None:
            spellings[spelling] += count
    lowercase = sum(n for r, n in seen.items() if r != DROPPED and not r[:1].isupper())
    arabic = sum(1 for o in name.observations if o.arabic_left)
    proposed, agreeing = spellings.most_common(1)[0] if spellings else ("", 0)
    total = candidate.count
    if arabic * 2 > total:
        verdict = "untransliterated"
    elif lowercase * 2 > total:
        verdict = "common-word"
    elif seen[DROPPED] == total:
        verdict = "dropped"
    elif not spellings:
        verdict = "substituted"
    elif len(seen) > 1:
        verdict = "inconsistent"
    else:
        verdict = "consistent"
    first = candidate.occurrences[0]
    return Suggestion(
        key=candidate.key,
        forms=candidate.forms,
        count=total,
        renderings=tuple(seen.most_common()),
        proposed=proposed,
        verdict=verdict,
        change=round(total * (1 - agreeing / total), 3),
        kind=_kind(candidate.evidence),
        evidence=candidate.evidence,
        example=sentences[first.line][:160],
    )


def suggest(
    units: Sequence[str],
    translator: Translator,
    *,
    min_count: int = 2,
    progress: Progress | None = None,
) -> list[Suggestion]:
    """Suggestions for the probable names of ``units`` (lines or paragraphs) seen at least
    ``min_count`` times, most change first."""
    say = progress or (lambda message: None)
    sentences = [s for unit in units for s in translator.pipeline.segment(unit)]
    sentences = [s for s in sentences if has_arabic_letter(s)]
    say(f"{len(sentences)} sentences; looking for names ...")
    # Only the sentences that hold a candidate are translated (and cached).
    from translate.glossary.discovery import DEFAULT_DISCOVERY_RULES, find_candidates

    skip = translator.placer().matcher
    strict = [c for c in find_candidates(sentences, skip=skip) if c.count >= min_count]
    taken = {form for c in strict for form, _ in c.forms}
    loose = replace(DEFAULT_DISCOVERY_RULES, min_score=WEAK_MIN_SCORE, common_min_count=sys.maxsize)
    weak = [
        c
        for c in find_candidates(sentences, skip=skip, rules=loose)
        if c.count >= min_count
        and not any(form in taken for form, _ in c.forms)
        and any(kind != "next-to-name" for kind, _ in c.evidence)
    ]
    candidates = strict + weak
    wanted = sorted({o.line for c in candidates for o in c.occurrences})
    index = {line: k for k, line in enumerate(wanted)}
    candidates = [
        replace(c, occurrences=tuple(replace(o, line=index[o.line]) for o in c.occurrences))
        for c in candidates
    ]
    subset = [sentences[i] for i in wanted]
    say(f"{len(candidates)} candidate names; translating their {len(subset)} sentences ...")
    plain = translator.sentence_translator.translate(subset)
    names = observe_names(
        candidates, subset, plain, translator.sentence_translator, translator.tokenizer
    )
    # A weak candidate (little evidence in the Arabic, or a word used often without a
    # title) is a name only where the model itself mostly wrote a capitalised word for
    # it: "Grossi" (however rendered), not "met" for اجتمع.
    names = names[: len(strict)] + [
        name
        for name in names[len(strict) :]
        if sum(o.capitalised for o in name.observations)
        >= MODEL_NAME_SHARE * len(name.observations)
    ]
    found = [judge(name, subset) for name in names]
    say(f"{len(found)} names found")
    return sorted(found, key=lambda s: (-s.change, -s.count, s.key))
