"""Which sentences of a batch run a reader should check: per-file counts of flagged
sentences for the summary, and with ``--flags FILE.tsv`` one row per flagged sentence.

The flags themselves are computed where each sentence is translated
(:mod:`translate.text.flags`, via the pipeline's report); this module only gathers them
per file. Output text is never changed by a flag.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from translate.engine.pipeline import LineResult

#: The header of ``--flags`` files; one row per flagged sentence.
TSV_COLUMNS = ("file", "location", "codes", "evidence", "source", "output")


@dataclass(frozen=True)
class FileFlags:
    """How many sentences of one file were flagged, and with which codes."""

    path: Path
    sentences: int
    flagged: int
    codes: tuple[tuple[str, int], ...]

    def describe(self) -> str:
        codes = ", ".join(f"{code} {count}" for code, count in self.codes)
        return f"{self.path}: {self.flagged} of {self.sentences} sentences flagged ({codes})"


def _cell(text: object) -> str:
    # One row per sentence whatever it holds: tabs and line breaks would split it.
    return " ".join(str(text).replace("\t", " ").split())


@dataclass
class FlagCollector:
    """Counts flags per file and, given a stream, writes the TSV rows as results come."""

    stream: IO[str] | None = None
    _sentences: Counter[Path] = field(default_factory=Counter)
    _flagged: Counter[Path] = field(default_factory=Counter)
    _codes: dict[Path, Counter[str]] = field(default_factory=dict)
    _order: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.stream is not None:
            self.stream.write("\t".join(TSV_COLUMNS) + "\n")

    def record(self, path: Path, location: object, result: LineResult) -> None:
        if path not in self._codes:
            self._codes[path] = Counter()
            self._order.append(path)
        self._sentences[path] += result.sentences
        for entry in result.report:
            flags = entry.get("flags")
            if not isinstance(flags, list) or not flags:
                continue
            self._flagged[path] += 1
            codes = [str(flag["code"]) for flag in flags]
            self._codes[path].update(codes)
            if self.stream is not None:
                row = (
                    path,
                    location,
                    ",".join(codes),
                    "; ".join(str(flag["evidence"]) for flag in flags),
                    entry.get("sentence", ""),
                    entry.get("translation", ""),
                )
                self.stream.write("\t".join(_cell(value) for value in row) + "\n")

    def summary(self) -> tuple[FileFlags, ...]:
        """Files with at least one flagged sentence, in the order they were seen."""
        return tuple(
            FileFlags(
                path,
                self._sentences[path],
                self._flagged[path],
                tuple(sorted(self._codes[path].items(), key=lambda kv: (-kv[1], kv[0]))),
            )
            for path in self._order
            if self._flagged[path]
        )
