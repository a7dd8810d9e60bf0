"""Finding glossary terms in Arabic text: clitic-aware, whole-word, longest match.

The glossary's forms are folded and tokenised (:mod:`translate.glossary.tokens`) into a
trie whose edges are whole tokens. Matching folds and tokenises the text once, then
walks the trie from every token: the first token may carry proclitics (و ف, then
ب ل ك س, then the article ال, e.g. وال، بال، لل، فبال), which are split off and
reported. Each walk is bounded by the longest form, so matching is linear in the
length of the text and does not depend on the number of entries.

Spelling variants (:mod:`translate.glossary.variants`) are found without listing them:
a text token is also tried as every glossary token that shares its variant key and
passes :func:`~translate.glossary.variants.is_variant`, and a match that used such a
step only counts for entries with ``variants`` on.

A name never carries tanwin, so where vocalised text puts tanwin on a matched word
(تركيًا "Turkish", not تركيا "Turkey") entries other than ``type: term`` do not match;
unvocalised text cannot tell the two apart.

Overlaps are resolved deterministically: the longest term (in normalised characters)
wins; between equally long ones, the one starting first, then an exact match over a
variant, then the earlier entry. A shorter match survives where it overlaps nothing
already chosen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from translate.glossary.model import Entry
from translate.glossary.tokens import (
    fold_text,
    form_tokens,
    gc_paused,
    prime_form_tokens,
    tokenize,
)
from translate.glossary.variants import MIN_LETTERS, is_variant, prime_variant_keys, variant_key

if TYPE_CHECKING:
    from translate.glossary.model import Glossary

ARTICLE = "ال"
CLITIC_GLOSSES: dict[str, str] = {
    "و": "and",
    "ف": "so",
    "ب": "with/by",
    "ل": "to",
    "ك": "like",
    "س": "will",
    ARTICLE: "the",
}
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك", "س")
# Diacritics and tatweel after the last letter belong to the matched word.
_TRAILING_MARKS = frozenset([chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"])
# Tanwin marks an indefinite common noun or adjective; names do not take it, so where the
# text is vocalised it tells تركيًا ("Turkish") from تركيا ("Turkey").
_TANWIN_RE = re.compile("[\u064b-\u064d]")


@dataclass(frozen=True)
class Match:
    """One occurrence of a glossary term in a text.

    ``start``/``end`` cover the whole matched word(s) in the text given to
    :meth:`Matcher.find`, proclitics included; the term itself starts at ``term_start``.
    ``clitic`` is the proclitic letters split off (``"وال"``, ``"ل"``; ``""`` if none),
    ``clitic_english`` their gloss (``"and the"``, ``"to"``), ``article`` whether they
    include the article ال. When the article is part of the glossary form itself (as in
    الأمم المتحدة) it is not a clitic, and ``للأمم المتحدة`` reports just ``"ل"``.
    """

    start: int
    end: int
    surface: str
    term_start: int
    clitic: str
    clitic_english: str
    article: bool
    entry: Entry
    rendering: str
    form: str
    variant: bool = False

    @property
    def term(self) -> str:
        """The matched term without its proclitics, as written in the text."""
        return self.surface[self.term_start - self.start :]

    @property
    def particles(self) -> str:
        """The proclitics other than the article, in Arabic (``"و"`` for ``"وال"``).

        What to keep in front of an English rendering put into the Arabic source: the
        article has no place before a name (``"the Shoigu"``).
        """
        if not self.article:
            return self.clitic
        return self.clitic[:-2] if self.clitic.endswith(ARTICLE) else self.clitic[:-1]

    @property
    def particles_english(self) -> str:
        """The gloss of the proclitics other than the article (``"and"`` for ``"وال"``)."""
        words = self.clitic_english.split()
        return " ".join(words[:-1] if self.article else words)


def _refuses_article(terminal: _Terminal) -> bool:
    """A person or place written without the article never takes one: الكابل is "the
    cable", not Kabul; والأوديسا is the Odyssey, not Odesa. Organisations do (الناتو)."""
    return terminal.entry.type in ("person", "place") and not terminal.form.startswith("ال")


@dataclass(frozen=True)
class _Clitic:
    consumed: int  # letters of the token that belong to the clitic
    restore: str  # letters put back in front of the rest before lookup (elided alef)
    clitic: str
    english: str
    article: bool


def _clitic_table() -> dict[str, list[_Clitic]]:
    table: dict[str, list[_Clitic]] = {}

    def add(prefix: str, clitic: _Clitic) -> None:
        table.setdefault(prefix, []).append(clitic)

    for conj in _CONJUNCTIONS:
        for prep in _PREPOSITIONS:
            for article in (False, True):
                if prep == "س" and article:
                    continue
                text = conj + prep + (ARTICLE if article else "")
                if prep == "ل" and article:
                    text = conj + "لل"  # ل + ال is written لل
                if not text:
                    continue
                glosses = [CLITIC_GLOSSES[c] for c in conj + prep]
                if article:
                    glosses.append(CLITIC_GLOSSES[ARTICLE])
                add(text, _Clitic(len(text), "", text, " ".join(glosses), article))
        # ل before a form that starts with the article drops the article's alef:
        # ل + الأمم = للأمم. The article stays part of the term.
        glosses = [CLITIC_GLOSSES[c] for c in conj + "ل"]
        add(conj + "لل", _Clitic(len(conj) + 1, "ا", conj + "ل", " ".join(glosses), False))
    return table


_CLITICS = _clitic_table()
_MAX_CLITIC = max(len(prefix) for prefix in _CLITICS)


# Trie nodes are plain dicts from token to child node; the terminals (entries whose form
# ends here) sit under the key "", which no token can be. Plain dicts build several
# times faster than node objects, which matters for 50,000-entry glossaries.
_Node = dict[str, Any]
_TERMINALS = ""


class _Terminal(NamedTuple):
    order: int  # place in glossary order, the last tie-breaker
    entry: Entry
    form: str
    cased: str | None  # the form's cased letters, for case-sensitive entries


class _Candidate(NamedTuple):
    rank: tuple[int, int, bool, int]
    start: int  # folded offsets
    term_start: int
    end: int
    clitic: _Clitic | None
    terminal: _Terminal
    variant: bool


def _cased(text: str) -> str:
    return "".join(c for c in text if c.lower() != c.upper())


class Matcher:
    """Finds glossary entries in text; build once per glossary, reuse for every line."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._root: _Node = {}
        self._variant_index: dict[str, list[str]] = {}
        self._variant_cache: dict[str, tuple[str, ...]] = {}
        self.entries: tuple[Entry, ...] = tuple(entries)
        with gc_paused():
            self._build()

    def _build(self) -> None:
        prime_form_tokens([form for entry in self.entries for form in entry.forms])
        root = self._root
        spelled: dict[str, None] = {}  # words that get variants, in first-seen order
        order = 0
        for entry in self.entries:
            case_sensitive = entry.case_sensitive
            variants = entry.variants
            for form in entry.forms:
                tokens = form_tokens(form)
                if not tokens:
                    continue
                node = root
                for token in tokens:
                    child = node.get(token)
                    if child is None:
                        child = node[token] = {}
                    node = child
                    if variants and len(token) >= MIN_LETTERS:
                        spelled[token] = None
                # tuple.__new__ skips NamedTuple's Python-level constructor (10x faster).
                terminal = tuple.__new__(
                    _Terminal, (order, entry, form, _cased(form) if case_sensitive else None)
                )
                terminals = node.get(_TERMINALS)
                if terminals is None:
                    node[_TERMINALS] = [terminal]
                else:
                    terminals.append(terminal)
                order += 1
        prime_variant_keys(spelled)
        index = self._variant_index
        for token in spelled:
            key = variant_key(token)
            if key is not None:
                bucket = index.get(key)
                if bucket is None:
                    index[key] = [token]
                else:
                    bucket.append(token)

    @classmethod
    def from_glossary(cls, glossary: Glossary) -> Matcher:
        return glossary.matcher()

    def _variants_of(self, token: str) -> tuple[str, ...]:
        """Glossary tokens that ``token`` is a spelling variant of (itself excluded)."""
        cached = self._variant_cache.get(token)
        if cached is not None:
            return cached
        found: tuple[str, ...] = ()
        key = variant_key(token) if self._variant_index else None
        if key is not None:
            bucket = self._variant_index.get(key, ())
            found = tuple(g for g in bucket if g != token and is_variant(token, g))
        if len(self._variant_cache) > 100_000:
            self._variant_cache.clear()
        self._variant_cache[token] = found
        return found

    def _step(self, node: _Node, token: str, used: bool) -> list[tuple[_Node, bool]]:
        states: list[tuple[_Node, bool]] = []
        child = node.get(token)
        if child is not None:
            states.append((child, used))
        for spelling in self._variants_of(token):
            child = node.get(spelling)
            if child is not None:
                states.append((child, True))
        return states

    def find(self, text: str) -> list[Match]:
        """All glossary matches in ``text``, non-overlapping, in text order."""
        folded, offsets = fold_text(text)
        tokens = tokenize(folded)
        candidates: list[_Candidate] = []
        for i, (start, _, token) in enumerate(tokens):
            for clitic in self._splits(token):
                if clitic is None:
                    key, term_start = token, start
                else:
                    key = clitic.restore + token[clitic.consumed :]
                    term_start = start + clitic.consumed
                states = self._step(self._root, key, False)
                j = i
                while states:
                    end = tokens[j][1]
                    article = clitic is not None and clitic.article
                    for node, used in states:
                        for terminal in node.get(_TERMINALS, ()):
                            if used and not terminal.entry.variants:
                                continue
                            if article and _refuses_article(terminal):
                                continue
                            rank = (-(end - term_start), start, used, terminal.order)
                            candidates.append(
                                _Candidate(rank, start, term_start, end, clitic, terminal, used)
                            )
                    j += 1
                    if j >= len(tokens):
                        break
                    states = [
                        s for node, used in states for s in self._step(node, tokens[j][2], used)
                    ]
        return self._resolve(text, candidates, offsets)

    @staticmethod
    def _splits(token: str) -> list[_Clitic | None]:
        splits: list[_Clitic | None] = [None]
        for length in range(1, min(_MAX_CLITIC, len(token) - 1) + 1):
            for clitic in _CLITICS.get(token[:length], ()):
                splits.append(clitic)
        return splits

    def _resolve(
        self,
        text: str,
        candidates: Sequence[_Candidate],
        offsets: list[int] | None,
    ) -> list[Match]:
        def original(index: int) -> int:
            return index if offsets is None else offsets[index]

        taken: set[int] = set()
        chosen: list[Match] = []
        # The rank decides; sort's stability keeps any tie in discovery order.
        ordered = sorted(candidates, key=lambda candidate: candidate.rank)
        for _, start, term_start, end, clitic, terminal, used in ordered:
            if any(k in taken for k in range(start, end)):
                continue
            o_start = original(start)
            o_term = original(term_start)
            o_end = original(end - 1) + 1
            while o_end < len(text) and text[o_end] in _TRAILING_MARKS:
                o_end += 1
            term = text[o_term:o_end]
            if terminal.cased is not None and _cased(term) != terminal.cased:
                continue
            if (
                terminal.entry.type != "term"
                and _TANWIN_RE.search(term)
                and not _TANWIN_RE.search(terminal.form)
            ):
                continue
            taken.update(range(start, end))
            chosen.append(
                Match(
                    start=o_start,
                    end=o_end,
                    surface=text[o_start:o_end],
                    term_start=o_term,
                    clitic=clitic.clitic if clitic else "",
                    clitic_english=clitic.english if clitic else "",
                    article=clitic.article if clitic else False,
                    entry=terminal.entry,
                    rendering=terminal.entry.rendering_for(term),
                    form=terminal.form,
                    variant=used,
                )
            )
        chosen.sort(key=lambda m: m.start)
        return chosen


def proclitic_readings(token: str) -> list[tuple[str, str]]:
    """Every way to read a folded word as proclitics + word, the article left on the word.

    ``(clitic, word)`` pairs, the token itself first as ``("", token)``, then by clitic
    length, with the same proclitics :meth:`Matcher.find` splits off: وباتروشيف gives
    ``("و", "باتروشيف")`` and ``("وب", "اتروشيف")``; للأمن gives ``("ل", "لامن")`` and
    ``("ل", "الامن")`` (ل + الأمن drops the article's alef). For callers that choose a
    reading from other evidence (:mod:`translate.glossary.discovery`).
    """
    readings = [("", token)]
    for clitic in Matcher._splits(token):
        if clitic is not None and not clitic.article:
            readings.append((clitic.clitic, clitic.restore + token[clitic.consumed :]))
    return readings
