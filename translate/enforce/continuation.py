"""One sentence's enforcement state, and the decoder finishing candidates that insert a
rendering.

A term the model dropped gets its rendering inserted at a word boundary; the decoder
then writes the rest of the sentence after it (a forced target prefix), so the words
around the name are the model's own and nothing is pasted. Greedy decoding mostly
retraces the plain translation; where it glues letters onto the name ("Shoigu" + "i",
a model that spells the name its own way), it is asked once more for alternatives at
the first free position, and those that start a new word are kept. A continuation
that rewords more than ``max_rewording`` words of the plain translation is dropped:
it is no longer the model's translation with a name added.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from translate.enforce.candidates import Candidate
from translate.enforce.numbers import NUMBER_TYPE
from translate.enforce.renderings import frozen_words, rendering_counts, rewording
from translate.enforce.rules import EnforcementRules
from translate.enforce.sources import CONSISTENCY_SOURCE
from translate.engine.decoding import Request, SentenceTranslation, SentenceTranslator
from translate.engine.pipeline import MatchReport, SentenceReport
from translate.engine.tokenizer import Tokenizer
from translate.glossary.matcher import Match

logger = logging.getLogger(__name__)


@dataclass
class Work:
    """One sentence whose plain translation lacks a rendering (or, with nothing
    missing, just its report)."""

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

    @cached_property
    def expected(self) -> Counter[str]:
        """How many times the sentence has each rendering's terms."""
        return Counter(m.rendering for m in self.matches)

    @cached_property
    def frozen(self) -> set[int]:
        """The plain translation's words placement never replaces."""
        return frozen_words(self.words, self.expected)

    @cached_property
    def had(self) -> Counter[str]:
        """How often the plain translation has each rendering."""
        return rendering_counts(self.plain.text, self.expected)

    @cached_property
    def had_missing(self) -> Counter[str]:
        """The same, counting only the missing renderings (longer ones mask shorter)."""
        return rendering_counts(self.plain.text, self.missing)

    def keeps(self, text: str) -> bool:
        """No rendering stands fewer times in ``text`` than in the plain translation (up
        to what the sentence needs): a candidate never costs a name already right."""
        after = rendering_counts(text, self.expected)
        return all(after[r] >= min(self.had[r], n) for r, n in self.expected.items())

    def placed(self, text: str) -> int:
        """How many of the missing renderings ``text`` places."""
        counts = rendering_counts(text, self.missing)
        before = self.had_missing
        return sum(min(counts[r], n + before[r]) - before[r] for r, n in self.missing.items())

    def record(self) -> None:
        """How each match was enforced, once :attr:`chosen` is decided (``None``: the
        plain translation stays), and what the chosen candidate replaced."""
        chosen = self.chosen
        text = chosen.text if chosen is not None else self.plain.text
        method = chosen.method if chosen is not None else "unplaced"
        if chosen is not None:
            for rendering, span in chosen.placement:
                if not span.is_insertion:
                    words = " ".join(self.words[span.first : span.last])
                    self.notes.append(f"{rendering!r} replaced {words!r}")
        before = self.had_missing
        after = rendering_counts(text, self.missing)
        seen: Counter[str] = Counter()
        for k, match in enumerate(self.matches):
            if k in self.methods:
                continue
            rendering = match.rendering
            seen[rendering] += 1
            if not self.missing[rendering] or seen[rendering] <= before[rendering]:
                self.methods[k] = "model"
            elif seen[rendering] <= after[rendering]:
                self.methods[k] = method
            else:
                self.methods[k] = "unplaced"
        if "unplaced" in self.methods.values():
            logger.info("glossary: could not place every rendering in %r", self.sentence)

    def report(self) -> SentenceReport:
        matches: list[MatchReport] = [
            {
                "arabic": match.surface,
                "start": match.start,
                "end": match.end,
                "clitic": match.clitic,
                "entry": match.entry.english,
                "rendering": match.rendering,
                "variant": match.variant,
                "enforced": _method(match, self.methods.get(k, "model")),
                **({"type": NUMBER_TYPE} if match.entry.type == NUMBER_TYPE else {}),
            }
            for k, match in enumerate(self.matches)
        ]
        return SentenceReport(self.sentence, tuple(matches), tuple(self.notes))


def _method(match: Match, method: str) -> str:
    # A name made consistent within its document is told apart from a glossary term.
    placed = method in ("replaced", "inserted", "injected")
    return "consistency" if placed and match.entry.source == CONSISTENCY_SOURCE else method


class Continuations:
    """Finishes, with the decoder, every candidate that carries a prefix."""

    def __init__(self, tokenizer: Tokenizer, rules: EnforcementRules) -> None:
        self.tokenizer = tokenizer
        self.rules = rules

    def finish(self, work: Sequence[Work], decoder: SentenceTranslator) -> None:
        """Replace each prefix candidate by the sentences the decoder finished from it
        that reword little enough (all sentences' decodes batched together)."""
        asked: list[tuple[Work, int, Request]] = []
        for item in work:
            for position, candidate in enumerate(item.candidates):
                if candidate.prefix is not None:
                    prefix = tuple(self.tokenizer.encode_target(candidate.prefix))
                    asked.append((item, position, Request(item.sentence, prefix, beam_size=1)))
        skip = len(self.tokenizer.target_prefix)
        texts: dict[tuple[int, int], list[str]] = {}
        retry: list[tuple[Work, int, Request]] = []
        finished = decoder.run([request for _, _, request in asked])
        for (item, position, request), translation in zip(asked, finished):
            if self._glued(translation.tokens, skip + len(request.prefix)):
                wider = Request(
                    request.source,
                    request.prefix,
                    num_alternatives=self.rules.continuation_alternatives,
                    beam_size=1,
                )
                retry.append((item, position, wider))
            else:
                texts[(item.index, position)] = [translation.text]
        finished = decoder.run([request for _, _, request in retry])
        for (item, position, request), translation in zip(retry, finished):
            start = skip + len(request.prefix)
            texts[(item.index, position)] = [
                self.tokenizer.decode_target(list(tokens))
                for tokens in (translation.tokens, *translation.alternatives)
                if not self._glued(tokens, start)
            ]
        for item in work:
            names = {w for m in item.matches for w in m.rendering.split()}
            kept: list[Candidate] = []
            for position, candidate in enumerate(item.candidates):
                if candidate.prefix is None:
                    kept.append(candidate)
                    continue
                # The decoder may reword around the name, a little; a continuation
                # that rewrites more of the sentence is no longer the model's
                # translation with a name added.
                for text in texts.get((item.index, position), []):
                    if rewording(item.plain.text, text, names) <= self.rules.max_rewording:
                        if all(text != k.text for k in kept):
                            kept.append(Candidate(text, "inserted", candidate.placement))
            item.candidates = kept

    def _glued(self, tokens: Sequence[str], start: int) -> bool:
        """The first piece after the prefix continues the rendering's last word with
        letters ("Shoigu" + "i"); punctuation may follow a name directly."""
        if start == 0 or len(tokens) <= start:
            return False
        joined = len(self.tokenizer.group_words([tokens[start - 1], tokens[start]])) == 1
        return joined and tokens[start][:1].isalnum()
