"""The source side of enforcement: which matches a sentence's terms are, and the
variants of the sentence the model is asked about.

A *contrast* source writes one term's rendering in place of the Arabic term, for
attribution (:mod:`translate.enforce.attribution`); the *injected* source writes every
missing term's rendering, for ``--glossary-mode inject``. Proclitics other than the
article stay as Arabic words in both, so the model still renders "and", "to", "with".

Which matches need the model's evidence before a name is forced in.

A glossary form can also be a common Arabic word: حماس is Hamas and "enthusiasm"
(بحماس "enthusiastically"), a short spelling variant of a name can be another word
altogether (لابد "must" as a variant of لابيد Lapid). Such a match is *ambiguous*: it
is placed only where the model's own translation has a capitalised word that depends
on it (:mod:`translate.enforce.placement`), i.e. where the model itself read a name.

Ambiguous are: entries marked ``ambiguous: true`` in the glossary, and matches that
used a spelling variant on a short word (the fewer the letters, the likelier a
variant rule lands on an unrelated word). A listed form matched as written is trusted,
so the glossary's guarantee holds for every name it lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from translate.enforce.rules import EnforcementRules
from translate.glossary.matcher import Match, Matcher
from translate.text.protect import find_protected

#: ``Entry.source`` of the entries document consistency makes
#: (:mod:`translate.enforce.consistency`); the report says ``consistency`` for them.
CONSISTENCY_SOURCE = "consistency"


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


def contrast_source(sentence: str, matches: Sequence[Match]) -> str:
    """The sentence with a term's rendering written in place of each of its ``matches``
    (their proclitics other than the article kept, so "and", "to" stay explained). Words
    of the plain translation that the model rendered from the term become unlikely
    here, and only those: deleting the term instead would leave a template's name slot
    that the model fills with the same substitute."""
    out: list[str] = []
    cursor = 0
    for match in sorted(matches, key=lambda m: m.start):
        particles = f"{match.particles} " if match.particles else ""
        out += [sentence[cursor : match.start], f" {particles}{match.rendering} "]
        cursor = match.end
    out.append(sentence[cursor:])
    return " ".join("".join(out).split())


def injected_source(sentence: str, matches: list[Match], missing: Counter[str]) -> str:
    """The sentence with each missing term's rendering in place of the Arabic term."""
    out = []
    cursor = 0
    for match in matches:
        if not missing[match.rendering]:
            continue
        out.append(sentence[cursor : match.start])
        out.append(f"{match.particles} {match.rendering}" if match.particles else match.rendering)
        cursor = match.end
    out.append(sentence[cursor:])
    return " ".join("".join(out).split())


def is_ambiguous(match: Match, rules: EnforcementRules) -> bool:
    if match.entry.ambiguous:
        return True
    letters = sum(1 for c in match.term if c.isalpha())
    return match.variant and letters <= rules.short_variant_letters
