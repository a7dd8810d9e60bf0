"""From lines of Arabic text to lines of English: normalise, split, protect, translate,
reassemble. One input line always gives exactly one output line, in order.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from translate.engine.decoding import SentenceTranslation, SentenceTranslator
from translate.text.normalize import ARABIC_LETTER_CLASS, normalize_text, strip_controls
from translate.text.protect import ProtectedSpan, find_protected, spans_kept, split_around
from translate.text.segment import cut_long_sentence, split_sentences

logger = logging.getLogger(__name__)

_ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTER_CLASS}]")


def has_arabic_letter(text: str) -> bool:
    """Whether ``text`` has an Arabic letter, i.e. anything for the model to translate.

    Text without one (``Hello world``, ``12345``, ``&``) is already what the reader can
    read; a model trained on Arabic sources turns it into something else, so it is kept.
    """
    return not text.isascii() and _ARABIC_LETTER_RE.search(text) is not None


JsonValue = str | int | float | bool | None
MatchReport = dict[str, JsonValue]


@dataclass(frozen=True)
class SentenceReport:
    """What the glossary decided for one sentence, as ``--report`` writes it."""

    sentence: str
    matches: tuple[MatchReport, ...]
    notes: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"sentence": self.sentence, "matches": list(self.matches), "notes": list(self.notes)}


@dataclass(frozen=True)
class LineResult:
    """The translation of one input line and what produced it."""

    source: str
    text: str
    sentences: int
    target_tokens: int
    signature: dict[str, Any]
    report: tuple[dict[str, object], ...] = field(default=(), compare=False)


@dataclass
class _Sentence:
    source: str
    spans: list[ProtectedSpan]
    text: str = ""
    target_tokens: int = 0
    report: SentenceReport | None = None


class SentenceHook(Protocol):
    """Extension point where the glossary meets decoding (:mod:`translate.enforce`).

    ``finish`` gets each normalised source sentence with the model's translation of it
    and returns the final text and, where it did anything, a report. It may decode and
    score more through ``decoder``; what it returns for a sentence must depend on that
    sentence alone (never on the other sentences of the batch).
    """

    def finish(
        self,
        sentences: Sequence[str],
        translations: Sequence[SentenceTranslation],
        decoder: SentenceTranslator,
    ) -> list[tuple[str, SentenceReport | None]]: ...


def segment_line(line: str, max_tokens: int, count_tokens: Callable[[str], int]) -> list[str]:
    """The sentences the pipeline translates for one normalised line."""
    pieces: list[str] = []
    for sentence in split_sentences(line):
        pieces.extend(cut_long_sentence(sentence, max_tokens, count_tokens))
    return pieces


class LinePipeline:
    def __init__(
        self,
        sentences: SentenceTranslator,
        *,
        signature: dict[str, Any],
        hook: SentenceHook | None = None,
        keep_diacritics: bool = False,
        max_sentence_tokens: int = 200,
    ) -> None:
        self.sentences = sentences
        self.signature = signature
        self.hook = hook
        self.keep_diacritics = keep_diacritics
        self.max_sentence_tokens = max_sentence_tokens

    def translate_chunks(self, chunks: Iterable[Sequence[str]]) -> Iterator[LineResult]:
        for chunk in chunks:
            yield from self.translate_chunk(chunk)

    def translate_chunk(self, lines: Sequence[str]) -> list[LineResult]:
        """Translate a group of lines together so their sentences share batches."""
        count = self.sentences.tokenizer.count_source
        per_line: list[list[_Sentence] | None] = []
        for line in lines:
            if not line.strip():
                per_line.append(None)
                continue
            normalized = normalize_text(line, keep_diacritics=self.keep_diacritics)
            per_line.append(
                [
                    _Sentence(s, find_protected(s))
                    for s in segment_line(normalized, self.max_sentence_tokens, count)
                ]
            )
        flat = [s for group in per_line if group for s in group]
        self._translate(flat)
        results = []
        for line, group in zip(lines, per_line):
            if group is None:
                results.append(LineResult(line, line, 0, 0, self.signature))
                continue
            if not any(has_arabic_letter(s.source) for s in group):
                # Nothing was translated: the line comes back exactly as it was given,
                # not rebuilt from its normalised sentences.
                results.append(LineResult(line, line, len(group), 0, self.signature))
                continue
            text = " ".join(s.text for s in group if s.text)
            reports = tuple(s.report.as_json() for s in group if s.report)
            results.append(
                LineResult(
                    source=line,
                    text=text,
                    sentences=len(group),
                    target_tokens=sum(s.target_tokens for s in group),
                    signature=self.signature,
                    report=reports,
                )
            )
        return results

    def _translate(self, sentences: list[_Sentence]) -> None:
        for sentence in sentences:
            if not has_arabic_letter(sentence.source):
                sentence.text = sentence.source  # kept: see has_arabic_letter
        sentences = [s for s in sentences if has_arabic_letter(s.source)]
        if not sentences:
            return
        sources = [s.source for s in sentences]
        translations = self.sentences.translate(sources)
        finished: list[tuple[str, SentenceReport | None]] = (
            [(t.text, None) for t in translations]
            if self.hook is None
            else self.hook.finish(sources, translations, self.sentences)
        )
        retry: list[_Sentence] = []
        for sentence, translation, (text, report) in zip(sentences, translations, finished):
            sentence.text = strip_controls(text).strip()
            sentence.target_tokens = translation.target_token_count
            sentence.report = report
            if sentence.spans and not spans_kept(sentence.text, sentence.spans):
                retry.append(sentence)
        if retry:
            self._translate_around_spans(retry)

    def _translate_around_spans(self, sentences: list[_Sentence]) -> None:
        # The model lost or changed a protected span: translate the text between spans
        # on its own and put every span back verbatim.
        pieces: list[_Sentence] = []
        layouts: list[list[tuple[str, bool]]] = []
        for sentence in sentences:
            parts = split_around(sentence.source, sentence.spans)
            layouts.append(parts)
            pieces.extend(
                _Sentence(text.strip(), [])
                for text, protected in parts
                if not protected and text.strip()
            )
        if pieces:
            self._translate(pieces)
        iterator = iter(pieces)
        for sentence, parts in zip(sentences, layouts):
            out: list[str] = []
            tokens = 0
            matches: list[MatchReport] = []
            for text, protected in parts:
                if protected:
                    out.append(text)
                elif text.strip():
                    piece = next(iterator)
                    tokens += piece.target_tokens
                    if piece.text:
                        out.append(piece.text)
                    if piece.report:
                        matches.extend(piece.report.matches)
            sentence.text = " ".join(out)
            sentence.target_tokens = tokens
            # The glossary decisions are those made on the pieces (offsets are the
            # pieces' own), since the first translation was discarded.
            sentence.report = (
                SentenceReport(
                    sentence.source, tuple(matches), ("translated around protected spans",)
                )
                if matches
                else None
            )
            logger.debug("protected spans restored around translation of %r", sentence.source)
