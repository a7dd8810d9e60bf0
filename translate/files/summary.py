"""What a batch run reports: progress while it runs, a summary at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from translate.files.flagging import FileFlags


@dataclass(frozen=True)
class FileFailure:
    path: Path
    reason: str


@dataclass(frozen=True)
class BatchProgress:
    files_total: int
    files_done: int
    files_failed: int
    files_skipped: int
    sentences_total: int
    sentences_done: int
    elapsed: float
    current: Path | None = None
    unreadable: tuple[Path, ...] = ()  # files that could not be read (among files_failed)

    @property
    def rate(self) -> float:
        return self.sentences_done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        left = self.sentences_total - self.sentences_done
        return left / self.rate if self.rate > 0 and left >= 0 else None


@dataclass(frozen=True)
class BatchSummary:
    files_done: int
    files_skipped: int
    files_failed: int
    sentences: int
    seconds: float
    load_seconds: float = 0.0
    decoded_sentences: int | None = None
    failures: tuple[FileFailure, ...] = ()
    problems: tuple[str, ...] = ()
    outputs: tuple[Path, ...] = ()
    signature: dict[str, Any] = field(default_factory=dict)
    """Model, revision, options and glossary digests that made the translations."""
    files_redone: int = 0
    """Of ``files_done``: outputs that existed but were stale (input or settings changed)."""
    files_ignored: int = 0
    """Files found that carry the output suffix (earlier outputs), left out."""
    flagged: tuple[FileFlags, ...] = ()
    """Files with sentences a reader should check (quality flags), with their counts."""

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.seconds if self.seconds > 0 else 0.0
