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

from translate.engine.decoding import Request, SentenceTranslation, SentenceTranslator
from translate.engine.pipeline import SentenceHook
from translate.engine.tokenizer import Tokenizer
from translate.text.protect import find_protected

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
    method: str = ""


@dataclass
class _State:
    original: str
    injected: str
    plain_segments: list[str]
    occurrences: list[_Occurrence]
    without_terms: str = ""
    notes: list[str] = field(default_factory=list)
    injected_translation: SentenceTranslation | None = None


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


def enforceable_matches(matcher: Any, text: str) -> list[Any]:
    """The matches the glossary enforces in ``text``, in order: a term inside a URL,
    e-mail address, @handle or #hashtag stays as written, since those spans come
    through translation unchanged."""
    matches = list(matcher.find(text))
    protected = find_protected(text)
    if protected:
        matches = [
            m
            for m in matches
            if not any(span.start < m.end and m.start < span.end for span in protected)
        ]
    return sorted(matches, key=lambda m: (getattr(m, "start", 0), getattr(m, "end", 0)))


class GlossaryHook(SentenceHook):
    def __init__(self, glossary: Any, tokenizer: Tokenizer, mode: Mode = "align") -> None:
        self.glossary = glossary
        self.matcher = glossary.matcher()
        self.tokenizer = tokenizer
        self.mode = mode
        # In align mode the first translation is the plain one: get its attention now
        # rather than decoding the sentence again for it.
        self.wants_attention = mode == "align"

    # -- before translation ---------------------------------------------------------

    def prepare(self, sentence: str) -> tuple[str, Any]:
        matches = enforceable_matches(self.matcher, sentence)
        if not matches:
            return sentence, None
        plain: list[str] = []
        injected: list[str] = []
        without: list[str] = []
        occurrences: list[_Occurrence] = []
        cursor = 0
        for match in matches:
            before = sentence[cursor : match.start].strip()
            if before:
                plain.append(before)
                injected.append(before)
                without.append(before)
            # Proclitics stay as separate Arabic words so the model still renders "and",
            # "to"...; a split-off article goes, the rendering carries its own.
            particles = getattr(match, "particles", match.clitic)
            if particles:
                injected.append(particles)
                without.append(particles)
            plain.append(sentence[match.start : match.end])
            injected.append(match.rendering)
            occurrences.append(_Occurrence(match, match.rendering, len(plain) - 1))
            cursor = match.end
        after = sentence[cursor:].strip()
        if after:
            plain.append(after)
            injected.append(after)
            without.append(after)
        state = _State(sentence, " ".join(injected), plain, occurrences, " ".join(without))
        return (state.injected if self.mode == "inject" else sentence), state

    # -- after translation ----------------------------------------------------------

    def finish_batch(
        self,
        items: Sequence[tuple[Any, SentenceTranslation]],
        translator: SentenceTranslator,
    ) -> list[tuple[str, dict[str, Any] | None]]:
        results: list[tuple[str, dict[str, Any] | None]] = [
            (translation.text, None) for _, translation in items
        ]
        matched = [i for i, (state, _) in enumerate(items) if state is not None]
        if not matched:
            return results
        # The untouched source's translation is the reference for "the rest of the
        # sentence": an injected translation is kept only where it differs from it in
        # the names alone, and repairs edit it rather than the injected one.
        plains = (
            [items[i][1] for i in matched]
            if self.mode == "align"
            else translator.run(
                [Request(items[i][0].original, return_attention=True) for i in matched]
            )
        )
        to_repair: list[tuple[int, SentenceTranslation]] = []
        for index, plain in zip(matched, plains):
            state, first = items[index]
            expected = Counter(o.rendering for o in state.occurrences)
            candidates = [plain.text]
            if self.mode == "inject":
                candidates.insert(0, first.text)
            for candidate in candidates:
                text = _tidy_names(candidate, state)
                if counts_ok(text, expected) and _only_names_differ(plain.text, text, expected):
                    for occurrence in state.occurrences:
                        occurrence.method = "copied"
                    results[index] = (text, self._report(state))
                    break
            else:
                state.notes.clear()
                to_repair.append((index, plain))
                state.injected_translation = first if self.mode == "inject" else None
        if to_repair:
            contrasts = translator.run(
                [Request(items[index][0].without_terms) for index, _ in to_repair]
            )
            for (index, plain), contrast in zip(to_repair, contrasts):
                state = items[index][0]
                text = self._repair(state, plain, contrast, translator)
                results[index] = (text, self._report(state))
        return results

    def _words(self, translation: SentenceTranslation) -> tuple[list[list[int]], list[str]]:
        pieces = list(translation.tokens[len(self.tokenizer.target_prefix) :])
        groups = self.tokenizer.group_words(pieces)
        return groups, [self.tokenizer.decode_word([pieces[i] for i in g]) for g in groups]

    def _repair(
        self,
        state: _State,
        translation: SentenceTranslation,
        contrast: SentenceTranslation,
        translator: SentenceTranslator,
    ) -> str:
        """Edit the untouched source's translation: find each term's words (first by
        contrast with a translation of the source without the terms, else by attention)
        and replace them by the rendering."""
        expected = Counter(o.rendering for o in state.occurrences)
        skip = len(self.tokenizer.target_prefix)
        groups, words = self._words(translation)
        aligned = None
        # Contrasts, most informative first: the injected source's translation differs
        # from the plain one where the model rendered the terms; the translation without
        # the terms lacks their words.
        for other in (state.injected_translation, contrast):
            if aligned is None and other is not None:
                aligned = _contrast_spans(words, self._words(other)[1], len(state.occurrences))
        if aligned is None:
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
        text = self._guarantee(_tidy_names(text, state), state, expected)
        text = _enforce_counts(text, expected, state)
        if not counts_ok(text, expected):
            state.notes.append("renderings could not all be placed")
            logger.warning("glossary: could not place every rendering in %r", text)
        return text

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
            mass = _attention_mass(attention, groups, skip, source_first, source_last)
            name = getattr(occurrence.match.entry, "type", "") in (
                "person",
                "place",
                "organisation",
            )
            # A name is rendered by capitalised words; among them, the one that looks
            # most at the term's source tokens, with its capitalised neighbours.
            allowed = [
                i
                for i, word in enumerate(words)
                if not _is_function_word(word) and (not name or word[:1].isupper())
            ]
            if not allowed or max(mass[i] for i in allowed) <= 0.0:
                result.append(None)
                continue
            best = max(allowed, key=lambda i: mass[i])
            first = last = best
            while first - 1 in allowed and mass[first - 1] >= 0.5 * mass[best]:
                first -= 1
            while last + 1 in allowed and mass[last + 1] >= 0.5 * mass[best]:
                last += 1
            result.append((first, last + 1))
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


def _attention_mass(
    attention: Sequence[Sequence[float]],
    groups: list[list[int]],
    skip: int,
    source_first: int,
    source_last: int,
) -> list[float]:
    """Per target word, the mean attention its pieces pay to the source span."""
    mass = []
    for group in groups:
        rows = [attention[skip + i] for i in group if skip + i < len(attention)]
        mass.append(
            sum(sum(row[source_first:source_last]) for row in rows) / len(rows) if rows else 0.0
        )
    return mass


def _contrast_spans(
    words: list[str], without_terms: list[str], count: int
) -> list[tuple[int, int] | None] | None:
    """Word spans of ``words`` that the translation of the source without its terms
    lacks: the terms' own translations. Used only when there is exactly one span per
    term, so each span can be given to its term in order."""
    from difflib import SequenceMatcher

    spans: list[tuple[int, int] | None] = []
    for tag, first, last, _, _ in SequenceMatcher(
        None, words, without_terms, autojunk=False
    ).get_opcodes():
        if tag in ("replace", "delete"):
            hits = list(range(first, last))
            spans.append(_content_run(hits, words) if hits else None)
    if len(spans) != count or any(span is None for span in spans):
        return None
    return spans


def _only_names_differ(plain: str, candidate: str, expected: Counter[str]) -> bool:
    """Whether ``candidate`` equals ``plain`` outside the places where it carries a
    rendering: no collateral change to the rest of the sentence. Where a rendering
    replaced words of ``plain``, those may be at most two words longer than it (the
    model's own spelling of a name, not a clause)."""
    from difflib import SequenceMatcher

    a, b = plain.split(), candidate.split()
    for tag, a_first, a_last, b_first, b_last in SequenceMatcher(
        None, a, b, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            continue
        if tag == "delete":
            return False
        changed = " ".join(b[b_first:b_last])
        rendered = 0
        for rendering in sorted(expected, key=len, reverse=True):
            pattern = _rendering_pattern(rendering)
            rendered += len(rendering.split()) * len(pattern.findall(changed))
            changed = pattern.sub(" ", changed)
        # What a clitic brings ("and", "to") may come with the rendering.
        residue = [w for w in changed.split() if not _is_function_word(w) and w.strip(".,;:!?")]
        if residue or not rendered or (a_last - a_first) > rendered + 2:
            return False
    return True


def _safe_position(words: list[str], position: int, occurrences: Sequence[_Occurrence]) -> int:
    """The word boundary nearest to ``position`` that does not split a rendering already
    in the output ("Sergei | Shoigu" must stay whole)."""
    text = " ".join(words)
    starts = []
    cursor = 0
    for word in words:
        starts.append(cursor)
        cursor += len(word) + 1
    spans = [
        match.span()
        for rendering in {o.rendering for o in occurrences}
        for match in _rendering_pattern(rendering).finditer(text)
    ]
    candidates = [
        i
        for i in range(len(words) + 1)
        if i in (0, len(words)) or not any(a < starts[i] < b for a, b in spans)
    ]
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


_NAME_WORD = r"[A-Z][\w'’-]*"


def _echoes(word: str, tokens: Sequence[str]) -> bool:
    """``word`` repeats a token of a rendering, exactly or as a variant spelling
    ("Nebenzia" after "Vasily Nebenzya", "Shoigo" before "Shoigu")."""
    from difflib import SequenceMatcher

    lowered = word.lower()
    return any(
        len(token) >= 3 and SequenceMatcher(None, lowered, token.lower()).ratio() >= 0.75
        for token in tokens
    )


def _tidy_names(text: str, state: _State) -> str:
    """Remove what a model leaves around a forced name: its own spelling of the name
    next to the rendering ("Vasily Nebenzya Nebenzia") and "the" before a person."""
    persons = {
        o.rendering for o in state.occurrences if getattr(o.match.entry, "type", "") == "person"
    }
    renderings = {o.rendering for o in state.occurrences}
    for rendering in sorted(renderings, key=len, reverse=True):
        tokens = rendering.split()
        # A word of another expected rendering ("Russia" before "Russian news agency
        # RIA") is no echo.
        others = {t for r in renderings if r != rendering for t in r.split()}
        if not rendering[:1].isupper():
            continue
        after = re.compile(_rendering_pattern(rendering).pattern + r"(\s+)(" + _NAME_WORD + ")")
        before = re.compile(
            r"(?<![\w-])(" + _NAME_WORD + r")(\s+)" + _rendering_pattern(rendering).pattern
        )
        for pattern, word_group in ((after, 2), (before, 1)):
            for match in reversed(list(pattern.finditer(text))):
                word = match.group(word_group)
                if word in others or (word in tokens and rendering.count(word) > 1):
                    continue
                if _echoes(word, tokens):
                    start, end = match.span(word_group)
                    if word_group == 2:
                        start = match.start(1)
                    else:
                        end = match.end(2)
                    text = text[:start] + text[end:]
                    state.notes.append(f"removed {word!r} echoing {rendering!r}")
        if rendering in persons:
            text = re.sub(
                r"(?<![\w-])[Tt]he\s+(?=" + re.escape(rendering) + r"(?![\w-]))", "", text
            )
    return text


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
