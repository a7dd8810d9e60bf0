"""Glossary files: loading, overriding across files, and the default glossary.

A glossary file is YAML (documented with examples in ``glossaries/README.md``)::

    name: My newsroom names
    version: 3
    entries:
      - english: Sergei Shoigu
        arabic: [سيرغي شويغو, سيرجي شويغو]
        type: person

Loading collects every problem of every file before raising one
:class:`~translate.errors.GlossaryError`, so a user fixes them in one pass and nothing is
ever translated with a half-loaded glossary. Later files override earlier ones: an
earlier entry that shares a (normalised) Arabic form with a later entry is dropped
entirely, with a warning naming both.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from translate.errors import GlossaryError
from translate.glossary.model import ENTRY_TYPES, RULES_VERSION, Entry, Glossary, Problem
from translate.glossary.schema import parse_glossary_text
from translate.glossary.tokens import form_tokens
from translate.glossary.yaml_reader import read_glossary_bytes
from translate.resources import glossaries_resource_dir

__all__ = [
    "ENTRY_TYPES",
    "RULES_VERSION",
    "Entry",
    "Glossary",
    "Problem",
    "default_glossary_path",
    "load_glossaries",
    "load_glossary",
    "merge_glossaries",
    "parse_glossary_text",
    "read_glossary_file",
]

DEFAULT_GLOSSARY_NAME = "default.yaml"


def default_glossary_path() -> Path:
    """The curated glossary shipped with the project."""
    return glossaries_resource_dir() / DEFAULT_GLOSSARY_NAME


# --- schema ----------------------------------------------------------------------------


def read_glossary_file(path: Path, *, thorough: bool = False) -> tuple[Glossary, list[Problem]]:
    """Read and validate one file, returning every problem instead of raising for them.

    Reading failures (size, encoding, YAML syntax) still raise :class:`GlossaryError`.
    """
    return parse_glossary_text(read_glossary_bytes(path), str(path), thorough=thorough)


def _raise_for_errors(problems: Sequence[Problem], what: str) -> None:
    errors = [str(p) for p in problems if p.severity == "error"]
    if errors:
        noun = "problem" if len(errors) == 1 else "problems"
        raise GlossaryError(f"{what}: {len(errors)} {noun}; nothing was translated", errors)


def load_glossary(path: Path) -> Glossary:
    """Load one glossary file; raise :class:`GlossaryError` listing all its errors."""
    glossary, problems = read_glossary_file(path)
    _raise_for_errors(problems, f"{path}: invalid glossary")
    return _with_warnings(glossary, problems)


def _with_warnings(glossary: Glossary, problems: Sequence[Problem]) -> Glossary:
    # Kept on the glossary, not logged: the caller shows them, once, in its own way (the
    # command line prints "translate: warning: FILE:LINE: MESSAGE"). Logging them as
    # well printed each one twice.
    warnings = [_without_severity(p) for p in problems if p.severity == "warning"]
    return Glossary(
        glossary.entries,
        name=glossary.name,
        description=glossary.description,
        version=glossary.version,
        sources=glossary.sources,
        warnings=tuple(warnings),
    )


def _without_severity(problem: Problem) -> str:
    """``FILE:LINE: MESSAGE`` (a warning's text without the word ``warning``)."""
    where = f"{problem.source}:{problem.line}" if problem.line else problem.source
    return f"{where}: {problem.message}"


def merge_glossaries(glossaries: Sequence[Glossary]) -> tuple[Glossary, list[Problem]]:
    """Combine glossaries; later ones override earlier ones form by form.

    An earlier entry sharing a normalised Arabic form with a later file's entry is
    dropped entirely (keeping some of its forms would render one name two ways), and a
    warning names both entries.
    """
    if len(glossaries) == 1:
        return glossaries[0], []
    kept: list[Entry | None] = []
    owner: dict[tuple[str, ...], int] = {}
    warnings: list[Problem] = []
    for number, glossary in enumerate(glossaries, start=1):
        overridden: dict[int, Entry] = {}
        for entry in glossary.entries:
            for form in entry.forms:
                index = owner.get(form_tokens(form))
                if index is not None and index not in overridden and kept[index] is not None:
                    overridden[index] = entry
        for index, by in overridden.items():
            old = kept[index]
            assert old is not None
            warnings.append(
                Problem(
                    by.source,
                    by.line,
                    f"entry {by.english or by.forms[0]!r} overrides entry {old.label}",
                    "warning",
                )
            )
            for form in old.forms:
                owner.pop(form_tokens(form), None)
            kept[index] = None
        if number == len(glossaries):  # nothing comes later to override these
            kept.extend(glossary.entries)
            break
        for entry in glossary.entries:
            for form in entry.forms:
                owner[form_tokens(form)] = len(kept)
            kept.append(entry)
    merged = Glossary(
        tuple(e for e in kept if e is not None),
        name=" + ".join(g.name for g in glossaries if g.name),
        description="; ".join(g.description for g in glossaries if g.description),
        version=", ".join(g.version for g in glossaries if g.version),
        sources=tuple(s for g in glossaries for s in g.sources),
    )
    return merged, warnings


def load_glossaries(paths: Sequence[Path], *, include_default: bool = True) -> Glossary:
    """Load the default glossary (unless excluded) and ``paths``, later files winning.

    Every file is read and validated before anything is raised, so the error lists the
    problems of all files at once.
    """
    files = ([default_glossary_path()] if include_default else []) + [Path(p) for p in paths]
    loaded: list[Glossary] = []
    problems: list[Problem] = []
    failures: list[str] = []
    for path in files:
        try:
            glossary, file_problems = read_glossary_file(path)
        except GlossaryError as exc:
            failures.append(str(exc).splitlines()[0])
            failures.extend(exc.problems)
            continue
        loaded.append(glossary)
        problems.extend(file_problems)
    errors = failures + [str(p) for p in problems if p.severity == "error"]
    if errors:
        noun = "problem" if len(errors) == 1 else "problems"
        raise GlossaryError(
            f"invalid glossary: {len(errors)} {noun}; nothing was translated", errors
        )
    merged, override_warnings = merge_glossaries(loaded)
    return _with_warnings(merged, [*problems, *override_warnings])
