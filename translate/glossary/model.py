"""What a glossary is in memory: entries, the glossary, and validation findings.

Loading and validating files is :mod:`translate.glossary.format` and
:mod:`translate.glossary.schema`; matching is :mod:`translate.glossary.matcher`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translate.glossary.matcher import Matcher

# Bumped whenever matching rules change in a way that changes results, so a digest
# recorded with a translation identifies the behaviour as well as the content.
RULES_VERSION = 3  # 3: alef wasla, yeh barree, heh goal, ae fold like the normaliser

ENTRY_TYPES = ("person", "organisation", "place", "term")


@dataclass(frozen=True)
class Problem:
    """One finding of validation, located in a file."""

    source: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Entry:
    """One glossary entry: an English rendering and the Arabic forms that call for it.

    ``keep`` entries have no English: their matches are kept as written in the source.
    ``variants`` says whether automatic spelling variants of the forms also match.
    ``ambiguous`` marks forms that are also common words (حماس is "enthusiasm" too):
    such a match is enforced only where the model itself renders it as a name.
    ``ignore`` entries have no English either: their forms are found (so, being longer,
    they win over a shorter entry inside them) and then left to the model, e.g. مجلس
    الأمن الصيني, a nation's security council and not the UN's مجلس الأمن.
    """

    english: str
    forms: tuple[str, ...]
    type: str | None = None
    note: str = ""
    case_sensitive: bool = False
    keep: bool = False
    variants: bool = True
    source: str = ""
    line: int = 0
    ambiguous: bool = False
    ignore: bool = False

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source or "<entry>"

    @property
    def label(self) -> str:
        """How problems and warnings name the entry."""
        verb = "ignore" if self.ignore else "keep"
        shown = self.english or f"{verb} {self.forms[0] if self.forms else ''}"
        return f"{shown!r} ({self.location})"

    def rendering_for(self, term: str) -> str:
        """The English that replaces the Arabic ``term`` matched in a text."""
        if self.ignore:
            return ""
        return term if self.keep else self.english


@dataclass(frozen=True)
class Glossary:
    """Entries from one or more glossary files, in priority order."""

    entries: tuple[Entry, ...]
    name: str = ""
    description: str = ""
    version: str = ""
    sources: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def digest(self) -> str:
        """Short sha256 of what decides matching and renderings (not notes or lines)."""
        canonical = [
            RULES_VERSION,
            [
                [
                    e.english,
                    list(e.forms),
                    e.type,
                    e.case_sensitive,
                    e.keep,
                    e.variants,
                    *([True] if e.ambiguous else []),
                    *(["ignore"] if e.ignore else []),
                ]
                for e in self.entries
            ],
        ]
        data = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]

    def matcher(self) -> Matcher:
        """The matcher for this glossary, built once."""
        return self._matcher

    @cached_property
    def _matcher(self) -> Matcher:
        from translate.glossary.matcher import Matcher

        return Matcher(self.entries)
