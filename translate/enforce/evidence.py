"""Which matches need the model's evidence before a name is forced in.

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

from translate.enforce.rules import EnforcementRules
from translate.glossary.matcher import Match


def is_ambiguous(match: Match, rules: EnforcementRules) -> bool:
    if match.entry.ambiguous:
        return True
    letters = sum(1 for c in match.term if c.isalpha())
    return match.variant and letters <= rules.short_variant_letters
