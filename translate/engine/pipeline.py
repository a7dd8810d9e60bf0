"""From lines of Arabic text to lines of English: normalise, split, protect, translate,
reassemble. One input line always gives exactly one output line, in order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from translate.engine.decoding import Request, SentenceTranslation, SentenceTranslator
from translate.text.normalize import normalize_text, strip_controls
from translate.text.protect import ProtectedSpan, find_protected, spans_kept, split_around
from translate.text.segment import cut_long_sentence, split_sentences

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LineResult:
    """The translation of one input line and what produced it."""

    source: str
    text: str
    sentences: int
    target_tokens: int
    signature: dict[str, Any]
    report: tuple[dict[str, Any], ...] = field(default=(), compare=False)


@dataclass
class _Sentence:
    source: str
    spans: list[ProtectedSpan]
    text: str = ""
    target_tokens: int = 0
    report: dict[str, Any] | None = None


class SentenceHook:
    """Extension point for the glossary: rewrite requests and repair outputs.

    The default does nothing; the glossary enforcer subclasses it. ``prepare`` gets the
    normalised sentence and returns the source actually sent to the model plus opaque
    state; ``finish`` gets that state and the model output and returns the final text,
    possibly after more decodes through ``translator``.
    """

    #: Ask the model for attention on sentences that ``prepare`` gave state to.
    wants_attention = False

    def prepare(self, sentence: str) -> tuple[str, Any]:
        return sentence, None

    def finish_batch(
        self,
        items: Sequence[tuple[Any, SentenceTranslation]],
        translator: SentenceTranslator,
    ) -> list[tuple[str, dict[str, Any] | None]]:
        return [(translation.text, None) for _, translation in items]


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
        self.hook = hook or SentenceHook()
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
            text = " ".join(s.text for s in group if s.text)
            reports = tuple(s.report for s in group if s.report)
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
        prepared = [self.hook.prepare(s.source) for s in sentences]
        attention = self.hook.wants_attention
        translations = self.sentences.run(
            [
                Request(src, return_attention=attention and state is not None)
                for src, state in prepared
            ]
        )
        finished = self.hook.finish_batch(
            [(state, t) for (_, state), t in zip(prepared, translations)], self.sentences
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
            matches: list[dict[str, Any]] = []
            for text, protected in parts:
                if protected:
                    out.append(text)
                elif text.strip():
                    piece = next(iterator)
                    tokens += piece.target_tokens
                    if piece.text:
                        out.append(piece.text)
                    if piece.report:
                        matches.extend(piece.report["matches"])
            sentence.text = " ".join(out)
            sentence.target_tokens = tokens
            # The glossary decisions are those made on the pieces (offsets are the
            # pieces' own), since the first translation was discarded.
            sentence.report = (
                {
                    "sentence": sentence.source,
                    "matches": matches,
                    "notes": ["translated around protected spans"],
                }
                if matches
                else None
            )
            logger.debug("protected spans restored around translation of %r", sentence.source)
