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
from translate.text.flags import DEFAULT_FLAG_RULES, Flag, FlagRules, sentence_flags
from translate.text.normalize import ARABIC_LETTER_CLASS, normalize_text, strip_controls
from translate.text.numbers import western_digits
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

#: The version of the ``--report`` line format (``docs/report.md``): 2 added ``flags``
#: and ``schema``, and reports for flagged sentences without glossary matches.
REPORT_SCHEMA_VERSION = 2


@dataclass(frozen=True)
class SentenceReport:
    """What the glossary decided for one sentence, and the sentence's quality flags, as
    ``--report`` writes it."""

    sentence: str
    matches: tuple[MatchReport, ...]
    notes: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    translation: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "schema": REPORT_SCHEMA_VERSION,
            "sentence": self.sentence,
            "translation": self.translation,
            "matches": list(self.matches),
            "notes": list(self.notes),
            "flags": [flag.as_json() for flag in self.flags],
        }


@dataclass(frozen=True)
class LineResult:
    """The translation of one input line and what produced it."""

    source: str
    text: str
    sentences: int
    target_tokens: int
    signature: dict[str, Any]
    report: tuple[dict[str, object], ...] = field(default=(), compare=False)
    # Flagged sentences of the line (0: nothing to check).
    flagged: int = field(default=0, compare=False)


@dataclass
class _Sentence:
    source: str
    spans: list[ProtectedSpan]
    text: str = ""
    target_tokens: int = 0
    report: SentenceReport | None = None
    score: float | None = None
    restored: bool = False


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


def western_outside_protected(text: str) -> str:
    """Arabic-Indic digits the model wrote, as the Western digits an English reader reads,
    except inside URLs, handles and hashtags, which stay exactly as in the source."""
    spans = find_protected(text)
    if not spans:
        return western_digits(text)
    out: list[str] = []
    cursor = 0
    for span in spans:
        out += [western_digits(text[cursor : span.start]), text[span.start : span.end]]
        cursor = span.end
    out.append(western_digits(text[cursor:]))
    return "".join(out)


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
        keep_digits: bool = False,
        flag_rules: FlagRules = DEFAULT_FLAG_RULES,
    ) -> None:
        self.sentences = sentences
        self.signature = signature
        self.hook = hook
        self.keep_diacritics = keep_diacritics
        self.max_sentence_tokens = max_sentence_tokens
        self.keep_digits = keep_digits
        self.flag_rules = flag_rules

    def translate_chunks(self, chunks: Iterable[Sequence[str]]) -> Iterator[LineResult]:
        for chunk in chunks:
            yield from self.translate_chunk(chunk)

    def segment(self, line: str) -> list[str]:
        """The normalised sentences of one line, as they are translated."""
        if not line.strip():
            return []
        normalized = normalize_text(line, keep_diacritics=self.keep_diacritics)
        count = self.sentences.tokenizer.count_source
        return segment_line(normalized, self.max_sentence_tokens, count)

    def with_hook(self, hook: SentenceHook) -> LinePipeline:
        """The same pipeline (model, cache, settings) with another hook."""
        return LinePipeline(
            self.sentences,
            signature=self.signature,
            hook=hook,
            keep_diacritics=self.keep_diacritics,
            max_sentence_tokens=self.max_sentence_tokens,
            keep_digits=self.keep_digits,
            flag_rules=self.flag_rules,
        )

    def translate_chunk(self, lines: Sequence[str]) -> list[LineResult]:
        """Translate a group of lines together so their sentences share batches."""
        per_line: list[list[_Sentence] | None] = []
        for line in lines:
            if not line.strip():
                per_line.append(None)
                continue
            per_line.append([_Sentence(s, find_protected(s)) for s in self.segment(line)])
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
            if not self.keep_digits:
                for sentence in group:
                    sentence.text = western_outside_protected(sentence.text)
            text = " ".join(s.text for s in group if s.text)
            reports = [self._flagged(s) for s in group]
            results.append(
                LineResult(
                    source=line,
                    text=text,
                    sentences=len(group),
                    target_tokens=sum(s.target_tokens for s in group),
                    signature=self.signature,
                    report=tuple(r.as_json() for r in reports if r is not None),
                    flagged=sum(1 for r in reports if r is not None and r.flags),
                )
            )
        return results

    def _flagged(self, sentence: _Sentence) -> SentenceReport | None:
        """The sentence's report with its quality flags; ``None`` when there is
        nothing to report. Flags only describe: the text is never changed by one."""
        if not has_arabic_letter(sentence.source):
            return None
        # A number repair that failed is the number-missing flag already.
        methods = [
            str(m.get("enforced"))
            for m in (sentence.report.matches if sentence.report else ())
            if m.get("type") != "number"
        ]
        flags = sentence_flags(
            sentence.source,
            sentence.text,
            score=sentence.score,
            glossary=methods,
            protected_changed=sentence.restored,
            ignore=[(span.start, span.end) for span in sentence.spans],
            rules=self.flag_rules,
        )
        if not flags and sentence.report is None:
            return None
        report = sentence.report or SentenceReport(sentence.source, ())
        return SentenceReport(
            report.sentence, report.matches, report.notes, tuple(flags), sentence.text
        )

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
            sentence.score = translation.score
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
            pieces_of: list[_Sentence] = []
            for text, protected in parts:
                if protected:
                    out.append(text)
                elif text.strip():
                    piece = next(iterator)
                    pieces_of.append(piece)
                    tokens += piece.target_tokens
                    if piece.text:
                        out.append(piece.text)
                    if piece.report:
                        matches.extend(piece.report.matches)
            sentence.text = " ".join(out)
            sentence.target_tokens = tokens
            sentence.restored = True
            scores = [p.score for p in pieces_of if p.score is not None]
            sentence.score = min(scores) if scores else sentence.score
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
