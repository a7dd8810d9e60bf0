"""Numbers as terms: a number of the source that the model changed or dropped is
placed like a glossary term, its rendering being the number itself.

The model's plain translation is compared with the source by value
(:mod:`translate.text.numbers`: "1,100", "1100" and, for small numbers, "three" are
the same value). Only the numbers it lacks become matches for the placement machinery
(:mod:`translate.enforce.placement`), so a sentence whose numbers are right costs
nothing, and a repaired one obeys the same rules as a name: the rendering replaces the
words the model wrote for the number, or the decoder writes the rest of the sentence
after an inserted one, and a repair that would reword the sentence is not made (the
number is then reported ``unplaced`` and flagged ``number-missing``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from translate.glossary.matcher import Match
from translate.glossary.model import Entry
from translate.text.numbers import compare_numbers, english_rendering, source_numbers
from translate.text.protect import find_protected

#: The entry type of a number match in reports (``"type": "number"``).
NUMBER_TYPE = "number"

_DIGITS = re.compile(
    "[0-9\u0660-\u0669\u06f0-\u06f9](?:[0-9\u0660-\u0669\u06f0-\u06f9.,:\u066b\u066c]*[0-9\u0660-\u0669\u06f0-\u06f9])?"
)


def missing_numbers(
    sentence: str, output: str, *, keep_digits: bool = False, taken: Sequence[Match] = ()
) -> list[Match]:
    """Matches for the numbers of ``sentence`` whose value ``output`` lacks, first
    occurrences first. Numbers inside protected spans (URLs, handles...) or inside a
    glossary match (``taken``) are the business of those, not of repair."""
    ignore = [(span.start, span.end) for span in find_protected(sentence)]
    ignore += [(match.start, match.end) for match in taken]
    check = compare_numbers(sentence, output, ignore=ignore)
    if not check.missing:
        return []
    wanted = Counter(check.missing)
    matches: list[Match] = []
    for number in source_numbers(sentence, ignore=ignore):
        if wanted[number.value] <= 0:
            continue
        wanted[number.value] -= 1
        # The digits are the term, with a scale word (1.5 مليون: "1.5 million", the
        # value differs without it); a percent sign or word stays in the source for the
        # model to render as it did ("percent" and "%" are the same value).
        core = _DIGITS.search(number.surface)
        first, last = core.span() if core else (0, len(number.surface))
        if number.scale:
            # The scale word is the word after the digits; a percent sign or words
            # after it (في المائة) stay the model's.
            after = re.match(r"\s*\S+", number.surface[last:])
            last += after.end() if after else 0
        plain = replace(number, percent=False)
        rendering = english_rendering(plain, keep_digits=keep_digits)
        surface = number.surface[first:last]
        entry = Entry(
            english=rendering,
            forms=(surface,),
            type=NUMBER_TYPE,
            variants=False,
            source="numbers",
        )
        start = number.start + first
        matches.append(
            Match(
                start=start,
                end=number.start + last,
                surface=surface,
                term_start=start,
                clitic="",
                clitic_english="",
                article=False,
                entry=entry,
                rendering=rendering,
                form=surface,
            )
        )
    return matches


def wrong_number_words(words: Sequence[str], sentence: str) -> set[int]:
    """Indices of output words with digits whose number the source does not have (by
    the same reading as the ``number-extra`` flag: "42,000" for 42.000, a code such as
    "G20", a number the source writes as a word are not wrong). Placement keeps words
    with digits untouched (numbers are facts), except these, which a number's repair
    may replace ("42" written for the source's ٢٤)."""
    return {
        index
        for index, word in enumerate(words)
        if _DIGITS.search(word) and compare_numbers(sentence, word).extra
    }
