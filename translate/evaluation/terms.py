"""Glossary term accuracy and precision of translations (WMT terminology-task style):
exact, case-sensitive matches on word tokens, counting multiplicity."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from translate.evaluation.report import TermScores
from translate.glossary.tokens import TOKEN_RE


def term_metrics(
    hypotheses: Sequence[str],
    expected: Sequence[Sequence[str]],
    renderings: Iterable[str],
) -> TermScores:
    """Term accuracy and precision, from the renderings the glossary matcher expects per line.

    Matching is on word tokens and case-sensitive: "Iran" is not found inside "Iranian", and a
    rendering expected twice in a line must occur twice in that line's output. For precision,
    glossary renderings are found in the output longest first, without overlap.
    """
    if len(expected) != len(hypotheses):
        raise ValueError(f"{len(expected)} lines of expected terms for {len(hypotheses)} lines")
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for rendering in set(renderings):
        toks = tuple(TOKEN_RE.findall(rendering))
        if toks:
            by_first.setdefault(toks[0], []).append(toks)
    for candidates in by_first.values():
        candidates.sort(key=lambda t: (-len(t), t))
    occurrences = matched = in_output = supported = 0
    missed: list[tuple[int, str]] = []
    unsupported: list[tuple[int, str]] = []
    for index, (hyp, wanted) in enumerate(zip(hypotheses, expected, strict=True)):
        hyp_toks = TOKEN_RE.findall(hyp)
        wanted_toks = Counter(tuple(TOKEN_RE.findall(r)) for r in wanted)
        for toks, count in wanted_toks.items():
            found = min(count, _count(toks, hyp_toks))
            occurrences += count
            matched += found
            missed.extend([(index, " ".join(toks))] * (count - found))
        for toks, count in _scan(hyp_toks, by_first).items():
            ok = min(count, wanted_toks.get(toks, 0))
            in_output += count
            supported += ok
            unsupported.extend([(index, " ".join(toks))] * (count - ok))
    return TermScores(occurrences, matched, in_output, supported, tuple(missed), tuple(unsupported))


def _count(needle: tuple[str, ...], tokens: Sequence[str]) -> int:
    count, i, n = 0, 0, len(needle)
    while n and i + n <= len(tokens):
        if tuple(tokens[i : i + n]) == needle:
            count, i = count + 1, i + n
        else:
            i += 1
    return count


def _scan(tokens: Sequence[str], by_first: Mapping[str, list[tuple[str, ...]]]) -> Counter:
    found: Counter = Counter()
    i = 0
    while i < len(tokens):
        for cand in by_first.get(tokens[i], ()):
            if tuple(tokens[i : i + len(cand)]) == cand:
                found[cand] += 1
                i += len(cand)
                break
        else:
            i += 1
    return found


Terms = tuple[list[list[str]], list[str]]


def glossary_terms(glossary: Any, source: Sequence[str] | None) -> Terms | None:
    """What the matcher expects per source line, and every rendering of the glossary."""
    if glossary is None or source is None:
        return None
    from translate.enforce.sources import enforceable_matches

    matcher = glossary.matcher()
    expected = [[m.rendering for m in enforceable_matches(matcher, line)] for line in source]
    return expected, sorted({entry.english for entry in glossary.entries})
