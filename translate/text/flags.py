"""Per-sentence quality flags: cheap, explainable signs that a translation needs a look.

A neural model fails in a few recognisable ways that no reference is needed to see: it
drops or changes a number, leaves Arabic words untranslated, loops ("the the the"),
stops early or runs on (the length against the source's is far off), or is unsure of
its own output (a low length-normalised log-probability). Each is a hand-written check
with a stable code, a reason a reader understands and the evidence it found, so a
report can say *why* a sentence was flagged. Flags only describe: the output is never
altered.

The thresholds are named constants in :class:`FlagRules`, versioned and digested like
the enforcement rules (:mod:`translate.enforce.rules`), so two reports made under
different rules are never compared as if they were one. The length ratios were
calibrated on published reference translations (``benchmarks/flag_calibration.py``).

Codes (stable; new checks get new codes, a changed check bumps :data:`FLAGS_VERSION`):

``number-missing``, ``number-extra``
    a source number's value is absent from the output, or the output has a number the
    source has not (:mod:`translate.text.numbers`);
``arabic-left``
    Arabic letters in the output. Protected spans of the *output* (a hashtag such as
    ``#غزة`` is kept verbatim on purpose) are found here with
    :func:`translate.text.protect.find_protected` and skipped, so the caller passes
    the output exactly as the user sees it;
``repetition``
    the same n-gram several times in a row, the decoder's loop;
``length-ratio``
    English characters per Arabic character outside the range references show;
``low-confidence``
    the model's length-normalised log-probability under a per-model-family threshold;
``glossary-unplaced``, ``glossary-ambiguous``
    glossary matches the enforcement left unplaced or did not enforce as ambiguous
    (the report's ``enforced`` method strings);
``protected-changed``
    a URL, e-mail, handle or hashtag did not come through the model unchanged.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace

from translate.text.normalize import ARABIC_LETTER_CLASS
from translate.text.numbers import compare_numbers
from translate.text.protect import find_protected

# Bumped whenever a check changes in a way that changes which sentences are flagged.
FLAGS_VERSION = 1

FLAG_CODES = (
    "number-missing",
    "number-extra",
    "arabic-left",
    "repetition",
    "length-ratio",
    "low-confidence",
    "glossary-unplaced",
    "glossary-ambiguous",
    "protected-changed",
)

_ARABIC_WORD_RE = re.compile(f"[{ARABIC_LETTER_CLASS}][{ARABIC_LETTER_CLASS}\u064b-\u065f]*")
_TOKEN_RE = re.compile(r"\w+")
_EVIDENCE_ITEMS = 5  # evidence lists stay one short line


@dataclass(frozen=True)
class Flag:
    """One reason to look at a sentence: a stable ``code``, a ``reason`` for people,
    and the ``evidence`` found ("number 1100 missing")."""

    code: str
    reason: str
    evidence: str

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "reason": self.reason, "evidence": self.evidence}


@dataclass(frozen=True)
class FlagRules:
    """The thresholds of the flags.

    ``min_length_ratio``, ``max_length_ratio``: English characters per Arabic character
    (:func:`length_ratio`) below or above which ``length-ratio`` fires: the 0.5th and
    99.5th percentiles, rounded outwards, of the ratio over the 4,023 published
    reference pairs of FLORES-200 dev and TICO-19 dev and test with a source of at
    least ``min_length_chars`` (``benchmarks/results/flag_calibration.json``: median
    1.14, pooled percentiles 0.643 and 1.749). About one correct translation in a
    hundred is flagged; one cut off at half its length (~0.57), or run on to twice it
    (~2.3), is.

    ``min_length_chars``: no length flag on a source shorter than this (characters as
    :func:`length_ratio` counts them): a title of three words has no stable ratio.

    ``repeat_max_n``, ``repeat_min_count``, ``repeat_min_tokens``: ``repetition`` fires
    where an n-gram of at most ``repeat_max_n`` words stands ``repeat_min_count`` or
    more times in a row, covering at least ``repeat_min_tokens`` words: "of the of the
    of the" fires, "very very" and "no, no, no" do not. It fired on no reference
    sentence.

    ``min_confidence``: ``low-confidence`` fires where the model's mean log-probability
    per target piece is below this. Scores are only comparable within a model family,
    so there is no default: the caller sets it per family, None turns the flag off.
    """

    min_length_ratio: float = 0.64
    max_length_ratio: float = 1.75
    min_length_chars: int = 20
    repeat_max_n: int = 4
    repeat_min_count: int = 3
    repeat_min_tokens: int = 4
    min_confidence: float | None = None

    def digest(self) -> str:
        blob = json.dumps({"version": FLAGS_VERSION, **asdict(self)}, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


DEFAULT_FLAG_RULES = FlagRules()

#: ``min_confidence`` per model family (scores are comparable only within one).
#:
#: * ``toy``: the project's toy models. Calibrated on ``toy-news``: -0.40 separates the
#:   62 out-of-template sentences of ``benchmarks/flags/data`` (all nonsense, scores
#:   -1.01 to -0.45) from the 137 in-world number sentences (-0.56 to -0.10; 3 below
#:   -0.40), measured by ``benchmarks/flags/check_data.py``.
#: * ``marian``: OPUS-MT / Marian models. Not calibrated: no real model can be
#:   downloaded where this project is built. -1.0 nat per piece (a mean piece
#:   probability under e**-1, about 0.37) is a provisional, conservative level; a
#:   random-weight model of that shape scores about -7 and is always flagged.
CONFIDENCE_BY_FAMILY: dict[str, float] = {"toy": -0.40, "marian": -1.0}


def rules_for_family(family: str, rules: FlagRules = DEFAULT_FLAG_RULES) -> FlagRules:
    """``rules`` with the confidence threshold of a model ``family`` (none if unknown)."""
    return replace(rules, min_confidence=CONFIDENCE_BY_FAMILY.get(family))


# Whitespace and the combining marks Arabic text carries (harakat, tanwin, shadda,
# sukun, dagger alef, Quranic marks) and generic combining diacritics.
_UNCOUNTED_RE = re.compile("[\\s\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


def length_chars(text: str) -> int:
    """Characters that carry the text: not spaces, not combining marks (Arabic may
    come with or without diacritics, and should measure the same)."""
    return len(_UNCOUNTED_RE.sub("", text))


def length_ratio(source: str, output: str) -> float:
    """Output characters per source character (:func:`length_chars`); 0 for an empty
    source."""
    source_chars = length_chars(source)
    return length_chars(output) / source_chars if source_chars else 0.0


def find_repetition(text: str, rules: FlagRules = DEFAULT_FLAG_RULES) -> tuple[str, int] | None:
    """The first loop in ``text`` as (n-gram, times in a row), shortest n-gram first;
    None if there is none. Words are compared case-insensitively, punctuation
    ignored."""
    tokens = [t.lower() for t in _TOKEN_RE.findall(text)]
    for n in range(1, rules.repeat_max_n + 1):
        needed = max(rules.repeat_min_count, -(-rules.repeat_min_tokens // n))
        for start in range(len(tokens) - n * needed + 1):
            gram = tokens[start : start + n]
            count = 1
            while tokens[start + count * n : start + (count + 1) * n] == gram:
                count += 1
            if count >= needed:
                return " ".join(gram), count
    return None


def arabic_left(output: str) -> list[str]:
    """Arabic words in ``output`` outside its protected spans, in order."""
    spans = [(s.start, s.end) for s in find_protected(output)]
    return [
        m.group()
        for m in _ARABIC_WORD_RE.finditer(output)
        if not any(start < m.end() and m.start() < end for start, end in spans)
    ]


def _listed(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_EVIDENCE_ITEMS])
    return shown + (
        f" (+{len(items) - _EVIDENCE_ITEMS} more)" if len(items) > _EVIDENCE_ITEMS else ""
    )


def _numbers(label: str, values: Sequence[str]) -> str:
    return f"{'number' if len(values) == 1 else 'numbers'} {_listed(values)} {label}"


def sentence_flags(
    source: str,
    output: str,
    *,
    score: float | None = None,
    glossary: Sequence[str] = (),
    protected_changed: bool = False,
    ignore: Sequence[tuple[int, int]] = (),
    rules: FlagRules = DEFAULT_FLAG_RULES,
) -> list[Flag]:
    """The flags of one translated sentence, in the order of :data:`FLAG_CODES`.

    ``score``: the model's mean log-probability per target piece, if known.
    ``glossary``: the ``enforced`` method of each glossary match in the sentence
    ("model", "replaced", "inserted", "unplaced", "ambiguous", ...). ``ignore``: source
    spans whose numbers are not checked (protected spans are skipped anyway).
    """
    flags: list[Flag] = []
    numbers = compare_numbers(source, output, ignore)
    if numbers.missing:
        reason = "a number in the source is not in the translation"
        flags.append(Flag("number-missing", reason, _numbers("missing", numbers.missing)))
    if numbers.extra:
        reason = "the translation has a number the source has not"
        flags.append(Flag("number-extra", reason, _numbers("not in the source", numbers.extra)))
    if left := arabic_left(output):
        reason = "Arabic words were left untranslated"
        flags.append(Flag("arabic-left", reason, _listed(left)))
    if loop := find_repetition(output, rules):
        reason = "the translation repeats itself, as a decoder caught in a loop does"
        flags.append(Flag("repetition", reason, f'"{loop[0]}" {loop[1]} times in a row'))
    if length_chars(source) >= rules.min_length_chars:
        ratio = length_ratio(source, output)
        if ratio < rules.min_length_ratio:
            reason = "the translation is much shorter than the source: something may be lost"
            evidence = f"ratio {ratio:.2f} < {rules.min_length_ratio:.2f}"
            flags.append(Flag("length-ratio", reason, evidence))
        elif ratio > rules.max_length_ratio:
            reason = "the translation is much longer than the source: something may be added"
            evidence = f"ratio {ratio:.2f} > {rules.max_length_ratio:.2f}"
            flags.append(Flag("length-ratio", reason, evidence))
    if score is not None and rules.min_confidence is not None and score < rules.min_confidence:
        reason = "the model is unsure of this translation"
        evidence = f"score {score:.2f} < {rules.min_confidence:.2f}"
        flags.append(Flag("low-confidence", reason, evidence))
    for method, code, reason in (
        ("unplaced", "glossary-unplaced", "a glossary term could not be placed"),
        ("ambiguous", "glossary-ambiguous", "a glossary match was not enforced as ambiguous"),
    ):
        if count := sum(1 for m in glossary if m == method):
            evidence = f"{count} of {len(glossary)} glossary matches {method}"
            flags.append(Flag(code, reason, evidence))
    if protected_changed:
        reason = "a URL, e-mail, handle or hashtag did not come through the model unchanged"
        flags.append(Flag("protected-changed", reason, "protected span changed"))
    return flags
