"""Checks across the entries of a glossary file.

The schema (:mod:`translate.glossary.format`) checks each entry on its own; this module
finds what only shows when entries are compared on their *normalised* forms, the way
the matcher sees them: forms that normalise to nothing or can never occur in normalised
text, forms listed twice, the same form with two different renderings (an error, as in
commercial glossary services: the translator could not know which one to use), and
automatic spelling variants that collide with another entry's form.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from translate.errors import GlossaryError
from translate.glossary.model import Entry, Glossary, Problem
from translate.glossary.tokens import form_tokens, has_arabic_letter
from translate.glossary.variants import eligible, is_variant, variant_key
from translate.text.normalize import normalize_text

Tokens = tuple[str, ...]


def _rendering(entry: Entry) -> str:
    if entry.ignore:
        return "(left to the model)"
    return "(kept as written)" if entry.keep else entry.english


def _cased(text: str) -> str:
    return "".join(c for c in text if c.lower() != c.upper())


# Forms made only of these characters are left alone by normalize_text (apart from what
# folding undoes anyway), so only other forms need the slower comparison below.
_PLAIN_RE = re.compile(
    "[\u0020-\u007e\u00a0\u00ab\u00bb\u060c\u061b\u061f\u0621-\u063a\u0641-\u064a"
    "\u0660-\u066d\u2013\u2014\u201c\u201d]*"
)


_WORD_CHAR_RE = re.compile(r"\w")


def _never_matches(form: str, tokens: Tokens) -> str | None:
    if not tokens:
        return f"form {form!r} can never match: nothing is left of it after normalisation"
    if len(tokens[0]) == 1 and not tokens[0].isalnum() and not _WORD_CHAR_RE.search(form):
        return f"form {form!r} can never match a word: it has no letters or digits"
    if _PLAIN_RE.fullmatch(form):
        return None
    normalized = normalize_text(form)
    if form_tokens(normalized) != tokens:
        return (
            f"form {form!r} can never match: the translator normalises input text first, "
            f"which turns it into {normalized!r}; write that instead"
        )
    return None


def check_entries(entries: Sequence[Entry], *, thorough: bool = False) -> list[Problem]:
    """Cross-entry problems of one file's entries, in file order.

    ``thorough`` adds the (slower) search for spelling variants that collide with other
    entries' forms; ``translate glossary check`` runs it, loading for translation not.
    """
    problems: list[Problem] = []
    owners: dict[Tokens, tuple[Entry, str]] = {}
    reported_duplicates: set[tuple[int, int]] = set()
    for entry in entries:
        seen_here: dict[Tokens, str] = {}
        for form in entry.forms:
            tokens = form_tokens(form)
            never = _never_matches(form, tokens)
            if never:
                problems.append(Problem(entry.source, entry.line, never))
                continue
            if tokens in seen_here:
                problems.append(
                    Problem(
                        entry.source,
                        entry.line,
                        f"form {form!r} is listed twice in this entry "
                        f"(as {seen_here[tokens]!r}; they are equal after normalisation)",
                        # Harmless: writers list hamza spellings on purpose.
                        "warning",
                    )
                )
                continue
            seen_here[tokens] = form
            previous = owners.get(tokens)
            if previous is None:
                owners[tokens] = (entry, form)
                continue
            other, other_form = previous
            if entry.case_sensitive and other.case_sensitive and form != other_form:
                continue
            pair = (id(other), id(entry))
            if _rendering(other) != _rendering(entry):
                problems.append(
                    Problem(
                        entry.source,
                        entry.line,
                        f"form {form!r} has two different renderings: "
                        f"{_rendering(entry)!r} here and {_rendering(other)!r} in entry "
                        f"{other.label}; keep one",
                    )
                )
            elif pair not in reported_duplicates:
                reported_duplicates.add(pair)
                problems.append(
                    Problem(
                        entry.source,
                        entry.line,
                        f"duplicate entry: form {form!r} is already in entry {other.label} "
                        "with the same rendering; merge the two entries",
                    )
                )
        problems.extend(_entry_warnings(entry))
    if thorough:
        problems.extend(_variant_collisions(entries))
    return problems


def _entry_warnings(entry: Entry) -> list[Problem]:
    found: list[Problem] = []
    if entry.case_sensitive and not any(_cased(form) for form in entry.forms):
        found.append(
            Problem(
                entry.source,
                entry.line,
                "'case_sensitive' has no effect: no form contains Latin (cased) letters",
                "warning",
            )
        )
    if entry.english and has_arabic_letter(entry.english):
        found.append(
            Problem(
                entry.source,
                entry.line,
                f"English rendering {entry.english!r} contains Arabic letters",
                "warning",
            )
        )
    return found


def _bucket_key(tokens: Tokens) -> Tokens:
    return tuple(variant_key(t) or t for t in tokens)


def _variant_collisions(entries: Sequence[Entry]) -> list[Problem]:
    """Warn where a generated spelling of one entry is another entry's exact form."""
    buckets: dict[Tokens, list[tuple[Tokens, Entry, str]]] = defaultdict(list)
    for entry in entries:
        for form in entry.forms:
            tokens = form_tokens(form)
            if tokens:
                buckets[_bucket_key(tokens)].append((tokens, entry, form))
    found: list[Problem] = []
    for members in buckets.values():
        if len(members) < 2:
            continue
        for tokens_a, entry_a, form_a in members:
            if not entry_a.variants or not any(eligible(t) for t in tokens_a):
                continue
            for tokens_b, entry_b, form_b in members:
                if entry_b is entry_a or tokens_b == tokens_a:
                    continue
                if _rendering(entry_a) == _rendering(entry_b):
                    continue
                if all(is_variant(b, a) for a, b in zip(tokens_a, tokens_b, strict=True)):
                    found.append(
                        Problem(
                            entry_a.source,
                            entry_a.line,
                            f"{form_b!r} (entry {entry_b.label}) is also a spelling variant "
                            f"of {form_a!r}; the exact form wins, so it renders as "
                            f"{_rendering(entry_b)!r}. Set 'variants: false' here if that "
                            "is what you want silently",
                            "warning",
                        )
                    )
    return found


_LOCATED_RE = re.compile(r"^(.*?):(\d+): (.*)$", re.DOTALL)


def _problems_from_error(exc: GlossaryError, source: str) -> list[Problem]:
    found: list[Problem] = []
    for text in exc.problems or [str(exc)]:
        located = _LOCATED_RE.match(text)
        if located:
            found.append(Problem(located[1], int(located[2]), located[3]))
        else:
            prefix = f"{source}: "
            found.append(
                Problem(source, 0, text[len(prefix) :] if text.startswith(prefix) else text)
            )
    return found


def check_files(paths: Sequence[Path]) -> tuple[list[Problem], list[Glossary]]:
    """Every problem of ``paths`` (read failures included) and the glossaries that loaded.

    Besides each file's own problems this reports, as warnings, the entries a later file
    overrides -- what ``--glossary A --glossary B`` would do.
    """
    from translate.glossary.format import merge_glossaries, read_glossary_file

    problems: list[Problem] = []
    loaded: list[Glossary] = []
    for path in paths:
        try:
            glossary, file_problems = read_glossary_file(Path(path), thorough=True)
        except GlossaryError as exc:
            problems.extend(_problems_from_error(exc, str(path)))
            continue
        loaded.append(glossary)
        problems.extend(file_problems)
    if len(loaded) > 1:
        problems.extend(merge_glossaries(loaded)[1])
    return problems, loaded
