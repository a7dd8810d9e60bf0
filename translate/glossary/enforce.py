"""Glossary enforcement: every matched term's English rendering appears in the output
exactly once per source occurrence, and the rest of the sentence stays the model's.

Strategy, per sentence (measured on the toy model, see models/toy-news/MODEL_CARD.md):

1. *inject* (default mode): the Arabic span is replaced in the source by its English
   rendering, clitics kept as separate words, so the model copies it;
2. verify the output; when the count of each rendering is right, done ("copied");
3. otherwise translate the untouched source with attention, find the target words
   aligned to the term's source tokens, and replace them by the rendering
   ("aligned"); this leaves every other word of the model's output as it was;
4. where nothing aligns, re-decode with the output so far plus the rendering forced as
   a target prefix, choosing among alternatives a continuation that starts a new word
   or is punctuation, so the model cannot glue letters onto the name ("redecoded");
5. as a last resort insert the rendering at the proportional word position
   ("inserted"). Whatever happens, the counts are checked once more before returning.

Doubled names ("Shoigu Shoigu"), an article before a person's name ("the Shoigu") and
half-replaced names are cleaned up after every repair.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from ..batching import Request, SentenceTranslation, SentenceTranslator
from ..pipeline import SentenceHook
from ..tokenizer import Tokenizer

logger = logging.getLogger(__name__)

Mode = Literal["inject", "align"]

# Words a clitic or the grammar puts around a name; never swallowed by a replacement.
_FUNCTION_WORDS = frozenset(
    "and or but so then to for with by of in on at from as the a an will shall".split()
)
_TRAILING_PUNCT_RE = re.compile(r"[^\w)\]]+$")


@dataclass
class _Occurrence:
    match: Any
    rendering: str
    plain_segment: int
    injected_segment: int
    method: str = ""


@dataclass
class _State:
    original: str
    injected: str
    plain_segments: list[str]
    injected_segments: list[str]
    occurrences: list[_Occurrence]
    notes: list[str] = field(default_factory=list)


def count_rendering(text: str, rendering: str) -> int:
    return len(_rendering_pattern(rendering).findall(text))


def _rendering_pattern(rendering: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(rendering) + r"(?![\w-])")


def rendering_counts(text: str, expected: Counter[str]) -> Counter[str]:
    """How often each expected rendering occurs; longer renderings are counted first and
    masked, so "Shoigu" inside "Sergei Shoigu" does not count twice."""
    counts: Counter[str] = Counter()
    remaining = text
    for rendering in sorted(expected, key=len, reverse=True):
        pattern = _rendering_pattern(rendering)
        counts[rendering] = len(pattern.findall(remaining))
        remaining = pattern.sub(" ", remaining)
    return counts


def counts_ok(text: str, expected: Counter[str]) -> bool:
    """Each rendering occurs exactly as often as expected."""
    counts = rendering_counts(text, expected)
    return all(counts[r] == expected[r] for r in expected)


class GlossaryHook(SentenceHook):
    def __init__(self, glossary: Any, tokenizer: Tokenizer, mode: Mode = "inject") -> None:
        self.glossary = glossary
        self.matcher = glossary.matcher()
        self.tokenizer = tokenizer
        self.mode = mode

    # -- before translation ---------------------------------------------------------

    def prepare(self, sentence: str) -> tuple[str, Any]:
        matches = sorted(self.matcher.find(sentence), key=lambda m: (m.start, m.end))
        if not matches:
            return sentence, None
        plain: list[str] = []
        injected: list[str] = []
        occurrences: list[_Occurrence] = []
        cursor = 0
        for match in matches:
            before = sentence[cursor : match.start].strip()
            if before:
                plain.append(before)
                injected.append(before)
            # Proclitics stay as separate Arabic words so the model still renders "and",
            # "to"...; a split-off article goes, the rendering carries its own.
            particles = getattr(match, "particles", match.clitic)
            if particles:
                injected.append(particles)
            plain.append(sentence[match.start : match.end])
            injected.append(match.rendering)
            occurrences.append(
                _Occurrence(match, match.rendering, len(plain) - 1, len(injected) - 1)
            )
            cursor = match.end
        after = sentence[cursor:].strip()
        if after:
            plain.append(after)
            injected.append(after)
        state = _State(sentence, " ".join(injected), plain, injected, occurrences)
        return (state.injected if self.mode == "inject" else sentence), state

    # -- after translation ----------------------------------------------------------

    def finish_batch(
        self,
        items: Sequence[tuple[Any, SentenceTranslation]],
        translator: SentenceTranslator,
    ) -> list[tuple[str, dict[str, Any] | None]]:
        results: list[tuple[str, dict[str, Any] | None]] = []
        to_align: list[int] = []
        for index, (state, translation) in enumerate(items):
            if state is None:
                results.append((translation.text, None))
                continue
            expected = Counter(o.rendering for o in state.occurrences)
            if self.mode == "inject" and counts_ok(translation.text, expected):
                for occurrence in state.occurrences:
                    occurrence.method = "copied"
                results.append((translation.text, self._report(state)))
            else:
                results.append((translation.text, None))
                to_align.append(index)
        if to_align:
            plain = translator.run(
                [Request(items[i][0].original, return_attention=True) for i in to_align]
            )
            for index, translation in zip(to_align, plain):
                state = items[index][0]
                text = self._repair(state, translation, translator)
                results[index] = (text, self._report(state))
        return results

    def _repair(
        self, state: _State, translation: SentenceTranslation, translator: SentenceTranslator
    ) -> str:
        expected = Counter(o.rendering for o in state.occurrences)
        if counts_ok(translation.text, expected):
            for occurrence in state.occurrences:
                occurrence.method = "copied"
            return translation.text
        skip = len(self.tokenizer.target_prefix)
        pieces = list(translation.tokens[skip:])
        groups = self.tokenizer.group_words(pieces)
        words = [self.tokenizer.decode_word([pieces[i] for i in g]) for g in groups]
        aligned = self._align_words(state, translation, groups, skip, words)
        # Right to left, so earlier word indices stay valid while later ones change.
        order = sorted(range(len(state.occurrences)), key=lambda k: (aligned[k] or (-1, -1))[0])
        claimed: set[int] = set()
        for k in reversed(order):
            occurrence = state.occurrences[k]
            span = aligned[k]
            already = rendering_counts(" ".join(words), expected)[occurrence.rendering]
            if already >= expected[occurrence.rendering]:
                occurrence.method = "copied"
                continue
            if span is None or claimed.intersection(range(*span)):
                continue
            first, last = span
            claimed.update(range(first, last))
            tail = _TRAILING_PUNCT_RE.search(words[last - 1])
            words[first:last] = [occurrence.rendering + (tail.group() if tail else "")]
            occurrence.method = "aligned"
        words = _cleanup(words, state.occurrences)
        text = " ".join(w for w in words if w)
        missing = [o for o in state.occurrences if not o.method]
        if missing and not counts_ok(text, expected):
            redecoded = self._redecode(state, missing[0], words, translator)
            # A re-decode keeps only the words before the forced term; it is taken only
            # if it lost none of the renderings already in place.
            have, now = rendering_counts(text, expected), rendering_counts(redecoded, expected)
            if (
                all(now[r] >= min(have[r], expected[r]) for r in expected)
                and now[missing[0].rendering] > have[missing[0].rendering]
            ):
                text = redecoded
                missing[0].method = "redecoded"
        return _enforce_counts(self._guarantee(text, state, expected), expected, state)

    def _guarantee(self, text: str, state: _State, expected: Counter[str]) -> str:
        """Insert whatever rendering is still short, so the guarantee holds whatever the
        model did; the occurrences that needed it are reported as "inserted"."""
        for rendering in sorted(expected, key=len, reverse=True):
            short = expected[rendering] - rendering_counts(text, expected)[rendering]
            lacking = [o for o in state.occurrences if o.rendering == rendering]
            for occurrence in lacking[len(lacking) - short :] if short > 0 else []:
                text = self._insert(text, state, occurrence)
            for occurrence in lacking:
                occurrence.method = occurrence.method or "copied"
        if not counts_ok(text, expected):
            state.notes.append("renderings could not all be placed")
            logger.warning("glossary: could not place every rendering in %r", text)
        return text

    def _align_words(
        self,
        state: _State,
        translation: SentenceTranslation,
        groups: list[list[int]],
        skip: int,
        words: list[str],
    ) -> list[tuple[int, int] | None]:
        spans = self.tokenizer.source_spans(state.plain_segments)
        attention = translation.attention
        result: list[tuple[int, int] | None] = []
        for occurrence in state.occurrences:
            source_first, source_last = spans[occurrence.plain_segment]
            if attention is None or source_first >= source_last:
                result.append(None)
                continue
            hits = []
            for word_index, group in enumerate(groups):
                row = [
                    sum(col)
                    for col in zip(
                        *(attention[skip + i] for i in group if skip + i < len(attention))
                    )
                ]
                if row and source_first <= max(range(len(row)), key=row.__getitem__) < source_last:
                    hits.append(word_index)
            result.append(_content_run(hits, words) if hits else None)
        return result

    def _redecode(
        self,
        state: _State,
        occurrence: _Occurrence,
        words: list[str],
        translator: SentenceTranslator,
    ) -> str:
        position = _safe_position(
            words, _proportional_position(state, occurrence, len(words)), state.occurrences
        )
        prefix_text = " ".join([*words[:position], occurrence.rendering])
        prefix = tuple(self.tokenizer.encode_target(prefix_text))
        (result,) = translator.run([Request(state.original, prefix=prefix, num_alternatives=4)])
        candidates = [result.tokens, *result.alternatives]
        start = len(self.tokenizer.target_prefix) + len(prefix)
        for tokens in candidates:
            following = tokens[start] if len(tokens) > start else ""
            if not following or following.startswith("\u2581") or not following[:1].isalnum():
                return self.tokenizer.decode_target(list(tokens))
        return " ".join(words)

    def _insert(self, text: str, state: _State, occurrence: _Occurrence) -> str:
        words = text.split()
        position = _safe_position(
            words, _proportional_position(state, occurrence, len(words)), state.occurrences
        )
        words.insert(position, occurrence.rendering)
        occurrence.method = "inserted"
        return " ".join(words)

    def _report(self, state: _State) -> dict[str, Any]:
        return {
            "sentence": state.original,
            "matches": [
                {
                    "arabic": o.match.surface,
                    "start": o.match.start,
                    "end": o.match.end,
                    "clitic": o.match.clitic,
                    "entry": getattr(o.match.entry, "english", o.rendering),
                    "rendering": o.rendering,
                    "enforced": o.method or "not enforced",
                }
                for o in state.occurrences
            ],
            "notes": state.notes,
        }


def _content_run(hits: list[int], words: list[str]) -> tuple[int, int] | None:
    """The longest run of adjacent aligned words, without function words at its edges.

    A run of function words only ("in", "the") means the model dropped the term and its
    attention drifted to a neighbour: replacing that word would lose it, so no span.
    """
    best_start = run_start = hits[0]
    best_len = run_len = 1
    for previous, current in pairwise(hits):
        if current == previous + 1:
            run_len += 1
        else:
            run_start, run_len = current, 1
        if run_len > best_len:
            best_start, best_len = run_start, run_len
    first, last = best_start, best_start + best_len
    while first < last and _is_function_word(words[first]):
        first += 1
    while last > first and _is_function_word(words[last - 1]):
        last -= 1
    return (first, last) if first < last else None


def _is_function_word(word: str) -> bool:
    return _TRAILING_PUNCT_RE.sub("", word).lower() in _FUNCTION_WORDS


def _proportional_position(state: _State, occurrence: _Occurrence, word_count: int) -> int:
    before = " ".join(state.plain_segments[: occurrence.plain_segment])
    fraction = len(before) / max(1, len(state.original))
    return min(word_count, round(fraction * word_count))


def _safe_position(words: list[str], position: int, occurrences: Sequence[_Occurrence]) -> int:
    """The word boundary nearest to ``position`` that does not split a rendering already
    in the output ("Sergei | Shoigu" must stay whole)."""
    bare = [_TRAILING_PUNCT_RE.sub("", w) for w in words]
    unsafe: set[int] = set()
    for rendering in {o.rendering for o in occurrences}:
        parts = [_TRAILING_PUNCT_RE.sub("", part) for part in rendering.split()]
        for start in range(len(words) - len(parts) + 1):
            if bare[start : start + len(parts) - 1] == parts[:-1] and (
                bare[start + len(parts) - 1] == parts[-1]
            ):
                unsafe.update(range(start + 1, start + len(parts)))
    candidates = [i for i in range(len(words) + 1) if i not in unsafe]
    return min(candidates, key=lambda i: (abs(i - position), i))


def _cleanup(words: list[str], occurrences: Sequence[_Occurrence]) -> list[str]:
    """Remove a function word glued into the name span, "the" before a person, and
    doubled renderings next to each other."""
    persons = {o.rendering for o in occurrences if getattr(o.match.entry, "type", "") == "person"}
    renderings = {o.rendering for o in occurrences}
    cleaned: list[str] = []
    for word in words:
        bare = _TRAILING_PUNCT_RE.sub("", word)
        if cleaned and bare in renderings and _TRAILING_PUNCT_RE.sub("", cleaned[-1]) == bare:
            cleaned[-1] = word  # "Shoigu Shoigu," -> "Shoigu,"
            continue
        if cleaned and bare in persons and cleaned[-1].lower() == "the":
            cleaned.pop()
        cleaned.append(word)
    return cleaned


def _enforce_counts(text: str, expected: Counter[str], state: _State) -> str:
    """Drop surplus copies of a rendering the model repeated (never below the expected
    count) so each source occurrence has exactly one rendering in the output. Copies
    inside a longer rendering ("Shoigu" in "Sergei Shoigu") are not copies."""
    for rendering in sorted(expected, key=len, reverse=True):
        longer = [r for r in expected if len(r) > len(rendering)]
        covered = [m.span() for r in longer for m in _rendering_pattern(r).finditer(text)]
        found = [
            m
            for m in _rendering_pattern(rendering).finditer(text)
            if not any(a <= m.start() and m.end() <= b for a, b in covered)
        ]
        surplus = len(found) - expected[rendering]
        if surplus > 0:
            for match in reversed(found[expected[rendering] :]):
                text = text[: match.start()] + text[match.end() :]
            text = re.sub(r"  +", " ", text)
            state.notes.append(f"removed {surplus} surplus {rendering!r}")
    return re.sub(r" +([,.;:!?])", r"\1", text).strip()
