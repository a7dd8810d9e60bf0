"""Term placement with a fake model whose translations and scores the tests control.

The fake maps each Arabic word to English (``WORDS``) and scores a target word as likely
when the source maps to it: a name the source does not carry is unlikely wherever it
stands. That is enough to check that placement replaces the words the model produced
for a term, nothing else, and asks the model only where a term is missing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from translate.enforce.placement import GlossaryPlacer
from translate.enforce.renderings import covers, rendering_counts, rewording, spelled_like
from translate.engine.backend import Decoded
from translate.engine.decoding import SentenceTranslator
from translate.engine.pipeline import LinePipeline
from translate.glossary import parse_glossary_text
from translate.glossary.model import Glossary
from translate.options import TranslationOptions

from .fakes import FakeBackend, WhitespaceTokenizer

GLOSSARY_YAML = """
entries:
  - {english: Shoigu, arabic: [شويغو], type: person}
  - {english: Patrushev, arabic: [باتروشيف], type: person}
  - {english: Ali Akbar Ahmadian, arabic: [علي أكبر أحمديان], type: person}
  - {english: Moscow, arabic: [موسكو], type: place}
  - {english: Hamas, arabic: [حماس], type: organisation, ambiguous: true}
  - {english: ceasefire, arabic: [هدنة], type: term}
"""
WORDS = {
    "قال": "said",
    "التقى": "met",
    "في": "in",
    "موسكو": "Moscow",
    "و": "and",
    "مع": "with",
    "تحدث": "spoke",
    "بحماس": "enthusiastically",
    "علي": "Ali",
    "أكبر": "Akbar",
}


def glossary() -> Glossary:
    loaded, problems = parse_glossary_text(GLOSSARY_YAML)
    assert not [p for p in problems if p.severity == "error"]
    return loaded


def run(
    backend: FakeBackend, line: str, mode: str = "align", min_confidence: float | None = None
) -> tuple[str, list[dict[str, object]]]:
    tokenizer = WhitespaceTokenizer()
    options = TranslationOptions(glossary_mode=mode)  # type: ignore[arg-type]
    sentences = SentenceTranslator(backend, tokenizer, options)  # type: ignore[arg-type]
    placer = GlossaryPlacer(
        glossary(),
        tokenizer,  # type: ignore[arg-type]
        mode=options.glossary_mode,
        min_confidence=min_confidence,
    )
    pipeline = LinePipeline(sentences, signature={}, hook=placer)
    result = pipeline.translate_chunk([line])[0]
    return result.text, [m for r in result.report for m in r["matches"]]  # type: ignore[union-attr]


def methods(matches: list[dict[str, object]]) -> list[object]:
    return [m["enforced"] for m in matches]


def dropping(word: str) -> Callable[[list[str]], list[str]]:
    """A rewrite for the fake model: it leaves ``word`` out of its translation."""
    return lambda words: [w for w in words if w != word]


def test_a_term_the_model_renders_costs_no_model_call() -> None:
    backend = FakeBackend({**WORDS, "شويغو": "Shoigu"})
    text, matches = run(backend, "التقى شويغو في موسكو")
    assert text == "met Shoigu in Moscow"
    assert methods(matches) == ["model", "model"]
    assert getattr(backend, "scored", 0) == 0 and len(backend.batches) == 1


def test_a_substituted_name_is_replaced_where_the_model_put_it() -> None:
    # The model writes a known name for one it has never seen.
    text, matches = run(FakeBackend({**WORDS, "باتروشيف": "Shoigu"}), "التقى باتروشيف في موسكو")
    assert text == "met Patrushev in Moscow"
    assert methods(matches) == ["replaced", "model"]


def test_a_misspelt_name_is_replaced_and_nothing_else_changes() -> None:
    backend = FakeBackend({**WORDS, "باتروشيف": "Batrushev"})
    text, _ = run(backend, "قال باتروشيف في موسكو")
    assert text == "said Patrushev in Moscow"
    assert rewording("said Batrushev in Moscow", text, {"Patrushev", "Batrushev"}) == 0


def test_names_are_placed_in_the_order_the_model_chose() -> None:
    # English order differs from the Arabic: each rendering goes to its own span.
    def swap(words: list[str]) -> list[str]:
        return ["Batrushev", "met", "Shoygu"] if words[:1] == ["met"] else words

    backend = FakeBackend({**WORDS, "باتروشيف": "Batrushev", "شويغو": "Shoygu"}, rewrite=swap)
    text, matches = run(backend, "التقى شويغو باتروشيف")
    assert text == "Patrushev met Shoigu"
    assert sorted(methods(matches)) == ["replaced", "replaced"]


def test_a_first_name_the_model_kept_is_not_doubled() -> None:
    backend = FakeBackend({**WORDS, "أحمديان": "Velayati"})
    text, _ = run(backend, "التقى علي أكبر أحمديان في موسكو")
    assert text == "met Ali Akbar Ahmadian in Moscow"


def test_a_surplus_copy_of_a_name_is_the_one_replaced() -> None:
    # Two "Moscow" for one موسكو: one of them stands for باتروشيف.
    backend = FakeBackend({**WORDS, "باتروشيف": "Moscow"})
    text, _ = run(backend, "التقى باتروشيف في موسكو")
    assert rendering_counts(text, ["Moscow", "Patrushev"]) == {"Moscow": 1, "Patrushev": 1}


def test_an_ambiguous_word_the_model_reads_as_a_common_word_is_left() -> None:
    # بحماس "enthusiastically": the model did not write a name, so Hamas is not forced.
    backend = FakeBackend({**WORDS, "حماس": "enthusiasm"})
    text, matches = run(backend, "تحدث بحماس")
    assert text == "spoke enthusiastically"
    assert methods(matches) == ["ambiguous"]


def test_an_ambiguous_word_in_an_unsure_translation_is_reported_ambiguous() -> None:
    backend = FakeBackend({**WORDS, "حماس": "enthusiasm"})
    text, matches = run(backend, "تحدث بحماس", min_confidence=-0.05)
    assert text == "spoke enthusiastically"
    assert methods(matches) == ["ambiguous"]
    assert getattr(backend, "scored", 0) == 0  # no name word to put Hamas over


def test_a_dropped_name_is_written_by_the_decoder_not_pasted() -> None:
    drop = dropping("Shoigu")
    backend = FakeBackend({**WORDS, "شويغو": "Shoigu"}, rewrite=drop)
    text, matches = run(backend, "التقى شويغو في موسكو")
    assert rendering_counts(text, ["Shoigu", "Moscow"]) == {"Shoigu": 1, "Moscow": 1}
    assert methods(matches) == ["inserted", "model"]
    # The continuation was decoded with the rendering as a forced prefix.
    assert any(len(batch) for batch in backend.batches[1:])


def test_nothing_is_inserted_into_a_translation_the_model_is_unsure_of() -> None:
    drop = dropping("Shoigu")
    backend = FakeBackend({**WORDS, "شويغو": "Shoigu"}, rewrite=drop)
    # The fake scores every translation -0.1: sure under -0.5, unsure under -0.05.
    sure, _ = run(backend, "التقى شويغو في موسكو", min_confidence=-0.5)
    assert "Shoigu" in sure and len(backend.batches) > 1  # decoded a continuation
    unsure = FakeBackend({**WORDS, "شويغو": "Shoigu"}, rewrite=drop)
    text, matches = run(unsure, "التقى شويغو في موسكو", min_confidence=-0.05)
    assert text == "met in Moscow"
    assert methods(matches) == ["unplaced", "model"]
    assert len(unsure.batches) == 1  # the plain translation only: no continuation
    # Nor any scoring: without an insertion, a name can only replace name words, and
    # "met in Moscow" has none but the Moscow already in place.
    assert getattr(unsure, "scored", 0) == 0
    assert getattr(backend, "scored", 0) > 0


def test_inject_mode_ranks_an_unscored_unsure_translation() -> None:
    # The plain translation drops the name (the fake renders شويغو as "x" and drops
    # it) and has no name word to replace, so nothing is scored for attribution; the
    # injected source spells Shoigu out, and that translation is still ranked.
    drop = dropping("x")
    backend = FakeBackend({**WORDS, "شويغو": "x"}, rewrite=drop)
    text, matches = run(backend, "التقى شويغو في موسكو", mode="inject", min_confidence=-0.05)
    assert text == "met Shoigu in Moscow"
    assert methods(matches) == ["injected", "model"]
    assert backend.scored == 1  # the injected candidate's ranking only


def test_an_unsure_translation_with_name_words_is_still_attributed() -> None:
    backend = FakeBackend({**WORDS, "باتروشيف": "Batrushev"})
    text, matches = run(backend, "قال باتروشيف في موسكو", min_confidence=-0.05)
    assert text == "said Patrushev in Moscow"
    assert methods(matches) == ["replaced", "model"]


@pytest.mark.parametrize(
    ("moscow", "confidence", "expected", "enforced", "scorings"),
    [
        # Unsure: the model's own spelling of the place is still replaced ...
        ("Moskow", -0.05, "said Shoigu in Moscow", "replaced", 2),
        # ... but never a name it wrote there instead, and nothing is scored for it.
        ("Lavrov", -0.05, "said Shoigu in Lavrov", "unplaced", 0),
        # A sure translation: the name the model wrote for the place is replaced.
        ("Lavrov", -0.5, "said Shoigu in Moscow", "replaced", 2),
    ],
)
def test_a_place_in_an_unsure_translation_replaces_only_its_own_spelling(
    moscow: str, confidence: float, expected: str, enforced: str, scorings: int
) -> None:
    backend = FakeBackend({**WORDS, "شويغو": "Shoigu", "موسكو": moscow})
    text, matches = run(backend, "قال شويغو في موسكو", min_confidence=confidence)
    assert text == expected
    assert methods(matches) == ["model", enforced]
    assert getattr(backend, "scored", 0) == scorings


@pytest.mark.parametrize(
    ("hamas", "expected", "enforced"),
    [
        # The model's own word for حماس, spelled near Hamas: replaced.
        ("Hamaz", "met Hamas", "replaced"),
        # A word spelled near Hamas that the model wrote for another word is no place
        # for an ambiguous entry, even where the model read a name in حماس itself.
        ("Enthusiast", "met Hamaz Enthusiast", "ambiguous"),
    ],
)
def test_an_ambiguous_place_in_an_unsure_translation_needs_the_models_own_name(
    hamas: str, expected: str, enforced: str
) -> None:
    backend = FakeBackend({**WORDS, "حماس": hamas, "حمز": "Hamaz"})
    line = "التقى حماس" if hamas == "Hamaz" else "التقى حمز حماس"
    text, matches = run(backend, line, min_confidence=-0.05)
    assert text == expected
    assert methods(matches) == [enforced]


@pytest.mark.parametrize(
    ("words", "frozen", "rendering", "runs"),
    [
        ("on the Midle East summit", set(), "Middle East", [(2, 4)]),
        ("in Moskow and Mosckow", set(), "Moscow", [(1, 2), (3, 4)]),
        ("Teheran, Saudi Arabya", set(), "Saudi Arabia", [(1, 3)]),
        ("Teheran, Saudi Arabya", set(), "Tehran", [(0, 1)]),
        # Not an adjective, plural or other form of it, nor a lowercase word ...
        ("Russian Foreign Minister", set(), "Russia", []),
        ("Russians and Sudani", set(), "Russia", []),
        ("the russia file", set(), "Russia", []),
        # ... nor another short name one letter away, nor a longer one two away.
        ("Iraq and Giza", set(), "Iran", []),
        ("in Australia", set(), "Austria", []),
        # A part of the rendering that is not a name word stands as it is.
        ("Saudy Arabia", set(), "Saudi Arabia", []),
        # Words of a rendering already in place stay.
        ("Moskow talks", {0}, "Moscow", []),
        ("Lavrov in Geneva", set(), "Moscow", []),
    ],
)
def test_spelled_like_finds_the_models_own_spelling(
    words: str, frozen: set[int], rendering: str, runs: list[tuple[int, int]]
) -> None:
    assert spelled_like(words.split(), frozen, rendering) == runs


class RewritingContinuations(FakeBackend):
    """Drops the name, and rewrites the whole rest of the sentence whenever it is asked
    to continue after a forced prefix."""

    def decode(self, batch, *, target_prefix=None, **kwargs):  # type: ignore[no-untyped-def]
        decoded = super().decode(batch, target_prefix=target_prefix, **kwargs)
        if not target_prefix:
            return decoded
        return [
            Decoded(tokens=[*(prefix or []), "x", "y", "z", "w"])
            for prefix, _ in zip(target_prefix, decoded)
        ]


def test_a_name_that_cannot_be_placed_is_reported_not_pasted() -> None:
    drop = dropping("Patrushev")
    backend = RewritingContinuations({**WORDS, "باتروشيف": "Patrushev"}, rewrite=drop)
    text, matches = run(backend, "التقى باتروشيف في موسكو")
    assert text == "met in Moscow"
    assert methods(matches) == ["unplaced", "model"]


@pytest.mark.parametrize(
    ("backend_class", "expected", "how"),
    [
        # Every continuation after an inserted Shoigu rewrites the sentence: the
        # replacement of the placement is kept alone.
        (RewritingContinuations, "said ceasefire in Moscow", ["unplaced", "replaced", "model"]),
        # The continuation is kept (the fake continues without "truce"): the replacement
        # alone is not offered against it.
        (FakeBackend, "said Shoigu in Moscow", ["inserted", "unplaced", "model"]),
    ],
)
def test_replacements_alone_only_where_every_insertion_beside_them_fails(
    backend_class: type[FakeBackend], expected: str, how: list[str]
) -> None:
    # "truce" is the model's word for the term هدنة; Shoigu it dropped.
    words = {**WORDS, "هدنة": "truce", "شويغو": "Shoigu"}
    text, matches = run(backend_class(words, rewrite=dropping("Shoigu")), "قال شويغو هدنة في موسكو")
    assert text == expected
    assert methods(matches) == how


def test_a_sentence_without_terms_is_untouched() -> None:
    backend = FakeBackend(WORDS)
    text, matches = run(backend, "قال في")
    assert text == "said in" and matches == []
    assert getattr(backend, "scored", 0) == 0


def test_terms_inside_protected_spans_stay_as_written() -> None:
    text, matches = run(FakeBackend(WORDS), "قال #باتروشيف في موسكو")
    assert "#باتروشيف" in text and "Patrushev" not in text
    assert [m["arabic"] for m in matches] == ["موسكو"]


def test_inject_mode_offers_the_injected_translation_too() -> None:
    backend = FakeBackend({**WORDS, "باتروشيف": "Batrushev"})
    text, _ = run(backend, "التقى باتروشيف في موسكو", mode="inject")
    assert text == "met Patrushev in Moscow"


@pytest.mark.parametrize(
    ("text", "expected", "ok"),
    [
        ("Sergei Shoigu met Shoigu", {"Sergei Shoigu": 1, "Shoigu": 1}, True),
        ("Sergei Shoigu met", {"Sergei Shoigu": 1, "Shoigu": 1}, False),
        ("Shoiguism", {"Shoigu": 1}, False),
        ("Patrushev, Patrushev", {"Patrushev": 2}, True),
    ],
)
def test_renderings_count_as_whole_words_longest_first(
    text: str, expected: dict[str, int], ok: bool
) -> None:
    from collections import Counter

    assert covers(text, Counter(expected)) is ok


def test_matches_come_in_source_order_with_document_entries_and_no_numbers() -> None:
    from translate.glossary.model import Entry

    placer = GlossaryPlacer(glossary(), WhitespaceTokenizer(), numbers=False)  # type: ignore[arg-type]
    extra = placer.with_entries([Entry("Lavrov", ("لافروف",), source="consistency")])
    sentence = "التقى لافروف باتروشيف في موسكو"
    plain = SentenceTranslator(
        FakeBackend(WORDS),
        WhitespaceTokenizer(),  # type: ignore[arg-type]
        TranslationOptions(),
    ).translate([sentence])[0]
    found = extra.matches(sentence, plain)
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert [m.rendering for m in found][:2] == ["Lavrov", "Patrushev"]
