"""The model's words for a stretch of its source, found by scoring its translation with
a placeholder in the stretch's place; and where an occurrence's stem starts."""

from __future__ import annotations

from translate.enforce.consistency import stem_span
from translate.enforce.observed import observe
from translate.engine.decoding import SentenceTranslator
from translate.glossary.discovery import NameCandidate, Occurrence
from translate.options import TranslationOptions

from .fakes import FakeBackend, WhitespaceTokenizer

WORDS = {"وصل": "arrived", "شويغو": "Shoygu", "إلى": "in", "موسكو": "Moscow"}


def test_the_words_depending_on_the_name_and_how_sure_the_model_was() -> None:
    backend = FakeBackend(WORDS)
    tokenizer = WhitespaceTokenizer()
    decoder = SentenceTranslator(backend, tokenizer, TranslationOptions())  # type: ignore[arg-type]
    sentence = "وصل شويغو إلى موسكو"
    translations = decoder.translate([sentence])
    start = sentence.index("شويغو")
    (seen,) = observe([(0, start, start + 5)], [sentence], translations, decoder, tokenizer)  # type: ignore[arg-type]
    assert translations[0].text == "arrived Shoygu in Moscow"
    # The fake scores a word the source explains 0 and any other -3: "Shoygu" is
    # likely given the sentence and unlikely once شويغو is replaced.
    assert (seen.rendering, seen.capitalised, seen.arabic_left) == ("Shoygu", True, False)
    assert seen.weight == 3.0 and seen.confidence == 0.0


def test_the_stem_starts_after_the_proclitic_even_with_diacritics() -> None:
    line = "قال وَشويغُو ولافروف"
    occurrences = []
    for surface, stem in (("وَشويغُو", "شويغو"), ("ولافروف", "لافروف")):
        start = line.index(surface)
        occurrences.append(Occurrence(0, start, start + len(surface), surface, stem))
    candidate = NameCandidate("k", (("شويغو", 1),), tuple(occurrences), (), 1.0)
    assert [line[a:b] for _, a, b in stem_span(candidate)] == ["شويغُو", "لافروف"]
