"""The decision constants of glossary enforcement, named, documented and versioned.

Every number that decides where a rendering goes lives here, in one frozen value whose
digest every translation's signature records next to the glossary digest: changing a
constant changes the signature, so two outputs made under different rules are never
mistaken for one another (like sacrebleu's signatures).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

# Bumped whenever the placement algorithm changes in a way that changes outputs.
ENFORCEMENT_VERSION = 5


@dataclass(frozen=True)
class EnforcementRules:
    """How terms are placed (see :mod:`translate.enforce.placement`).

    ``attribution_min``: a target word belongs to a term's span when removing the term
    from the source lowers that word's log-probability by at least this many nats. One
    nat is a factor e (~2.7) in probability: far above the noise of an unrelated word,
    below the drop of a name the model rendered from that term (measured on both toy
    models: 3-15 nats for the name's own words, under 0.5 for most others).

    ``max_span_words``: the longest run of words one term may replace. A model can
    render an unknown name as a title and a name ("Kazakh Foreign Minister Steve
    Witkoff"), so five, not one.

    ``spans_per_term``: candidate spans kept per term, best attribution first.

    ``insertion_points``: where the model rendered no words for a term (it dropped it),
    the number of word boundaries offered for inserting it, chosen by attribution and
    always including the start of the sentence; the model scores each.

    ``max_candidates``: cap on the whole sentences scored per source sentence (joint
    placements of several terms are enumerated best-first up to this cap).

    ``inject_margin``: in ``inject`` mode, the translation of the source with the
    renderings put into it replaces the plain-translation placement only when the model
    scores it higher by this much (mean log-probability per piece): it may reword
    more than the names, so it must be clearly better.

    ``max_rewording``: where the model dropped a term and the decoder writes the rest of
    the sentence after the inserted rendering, at most this many words outside the
    names may differ from the plain translation (removed plus added): "signed 15" for
    a garbled "J5" passes, a rewritten clause does not, and the term is then reported
    as unplaced rather than bought with a different sentence.

    ``continuation_alternatives``: where the greedy continuation after an inserted
    rendering glues letters onto it (a model that spells the name its own way writes
    "Shoigu" + "i"), this many alternatives at the first free position are asked for,
    and those that start a new word become candidates.

    ``max_continuation_drop``: and the sentence the decoder finished must score no more
    than this below the plain translation (mean log-probability per piece). Measured on
    the toy model: continuations an editor would keep lost 0.4-0.8 against the plain
    translation, garbled ones ("the talks were Patrushev situation in were") 1.2-1.6.

    ``short_variant_letters``: a match that used a spelling variant on a word of at
    most this many letters (proclitics excluded) is ambiguous
    (:mod:`translate.enforce.sources`): لابد/لابيد, بادن/بايدن, جازان/قازان are all
    five or fewer, while the variants that real names need (شويجو/شويغو) are placed
    anyway wherever the model renders a name there.

    ``score_decimals``: scores are rounded before they are compared, and ties go to the
    earlier candidate, so an ulp of floating-point noise never flips a decision.

    ``unsure_spelled_types``: in a translation below the model family's confidence
    level, an entry of these types replaces only the model's own spelling of it
    ("Midle East"; :func:`~translate.enforce.renderings.spelled_like`); elsewhere it is
    left without a scoring (reported ``unplaced``, or ``ambiguous`` for an ambiguous
    entry; in ``inject`` mode the injected translation still competes). A person the
    model does not know comes out as another person, and a person's rendering still
    replaces that; but where a confused model did not write a place or an
    organisation, putting it over a name made "German Foreign Minister Iraq", "Esmaeil
    Gaza". Read on the toy models' low-confidence translations of the sample article
    and 150 FLORES dev lines: 94 such placements, 58 of them by position alone (no word
    depended on the term); of toy-news's 13 over words that depended on the term, 8
    replaced a person the model had written, 1 another organisation, 3 garbled words
    ("Theconomic"), and 1 an adjective ("Kazakhstanian" became "Kazakhstan"). What it
    gives up: toy-translit transliterates places in such lines ("Orobo" for Europe),
    and those transliterations are no longer replaced there.
    """

    attribution_min: float = 1.0
    max_span_words: int = 5
    spans_per_term: int = 3
    insertion_points: int = 2
    max_candidates: int = 12
    inject_margin: float = 0.05
    max_rewording: int = 3
    max_continuation_drop: float = 1.0
    continuation_alternatives: int = 4
    short_variant_letters: int = 5
    score_decimals: int = 4
    unsure_spelled_types: tuple[str, ...] = ("place", "organisation")

    def digest(self) -> str:
        blob = json.dumps({"version": ENFORCEMENT_VERSION, **asdict(self)}, sort_keys=True).encode(
            "utf-8"
        )
        return hashlib.sha256(blob).hexdigest()[:12]


DEFAULT_RULES = EnforcementRules()
