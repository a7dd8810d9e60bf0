"""Building blocks of the toy templates: one sentence pair under construction (names, numbers,
spelling variants, Latin-script slots) and the role, clause and topic phrases they share."""

from __future__ import annotations

import random
from collections.abc import Sequence

from toy_lexicon import (
    CLAUSES,
    COUNTRIES,
    HELD_OUT_PEOPLE,
    ROLES,
    TOPICS,
    Country,
    Person,
)

_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_HELD_OUT_SURNAMES = frozenset(p.last_en for p in HELD_OUT_PEOPLE)


class Sentence:
    """Builds one sentence pair; remembers the names it used (for test.terms.jsonl)."""

    def __init__(self, rng: random.Random, latin_slots: frozenset[int]) -> None:
        self.rng = rng
        self.latin_slots = latin_slots
        self.terms: list[dict[str, object]] = []
        self._slot = 0

    def pick(self, items: Sequence[tuple[str, str]]) -> tuple[str, str]:
        en, ar = self.rng.choice(items)
        return en, self.variant(ar)

    def variant(self, forms: str | Sequence[str]) -> str:
        options = forms.split("|") if isinstance(forms, str) else list(forms)
        if len(options) == 1 or self.rng.random() < 0.6:
            return options[0]
        return self.rng.choice(options[1:])

    def number(self, low: int, high: int) -> tuple[str, str, int]:
        n = self.rng.randint(low, high)
        ar = str(n).translate(_ARABIC_DIGITS) if self.rng.random() < 0.25 else str(n)
        return str(n), ar, n

    def name(self, person: Person, clitic: str = "") -> tuple[str, str]:
        """English and Arabic of a mention, the Arabic with ``clitic`` attached."""
        slot = self._slot
        self._slot += 1
        full = not person.first_en or self.rng.random() < 0.4
        en = f"{person.first_en} {person.last_en}" if full and person.first_en else person.last_en
        if slot in self.latin_slots or not person.last_ar:
            if full and person.first_ar and self.rng.random() < 0.5:
                ar = f"{self.variant(person.first_ar)} {person.last_en}"
            else:
                ar = en
            sep = "" if self.rng.random() < 0.2 else " "
            return en, f"{clitic}{sep}{ar}" if clitic else ar
        last = self.variant(person.last_ar)
        surname_first = not (full and person.first_ar)
        ar = f"{self.variant(person.first_ar)} {last}" if not surname_first else last
        self.terms.append(
            {
                "arabic": last,
                "english": person.last_en,
                "clitic": clitic if surname_first else "",
                "held_out": person.last_en in _HELD_OUT_SURNAMES,
                "type": "person",
            }
        )
        return en, clitic + ar


def role(s: Sentence, p: Person, c: Country) -> tuple[str, str]:
    en, ar_m, ar_f, en_f = s.rng.choice(ROLES)
    en = (en_f if p.female and en_f else en).format(adj=c.adj_en)
    ar = (ar_f if p.female else ar_m).format(m=c.adj_ar_m, f=c.adj_ar_f)
    return en, ar


def titled(s: Sentence, p: Person, clitic: str = "") -> tuple[str, str]:
    """'Iranian Foreign Minister Araghchi' with a random country and role."""
    r_en, r_ar = role(s, p, s.rng.choice(COUNTRIES))
    n_en, n_ar = s.name(p)
    return f"{r_en} {n_en}", f"{clitic}{r_ar} {n_ar}"


def g(p: Person, male: str, female: str) -> str:
    return female if p.female else male


def two_countries(s: Sentence) -> tuple[Country, Country]:
    a, b = s.rng.sample(COUNTRIES, 2)
    return a, b


def clause(s: Sentence, p: Person) -> tuple[str, str]:
    en, ar = s.rng.choice(CLAUSES)
    return en.format(his=g(p, "his", "her")), ar.format(h=g(p, "ه", "ها"))


def topic(s: Sentence) -> tuple[str, str]:
    en, ar = s.rng.choice(TOPICS)
    c = s.rng.choice(COUNTRIES)
    return en.format(country=c.name_en), ar.format(country=c.name_ar)
