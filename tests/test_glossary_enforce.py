"""Enforcement with a fake backend whose output and attention the tests control."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from translate.enforce.placement import GlossaryHook, count_rendering, counts_ok
from translate.engine.decoding import SentenceTranslator
from translate.engine.pipeline import LinePipeline
from translate.options import TranslationOptions

from .fakes import FakeBackend, WhitespaceTokenizer


@dataclass(frozen=True)
class Entry:
    english: str
    type: str = "person"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    surface: str
    clitic: str
    entry: Entry
    rendering: str


class FakeMatcher:
    """Matches whole words (with an optional و clitic) from a small table."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table

    def find(self, text: str) -> list[Match]:
        out = []
        position = 0
        for word in text.split(" "):
            clitic = "و" if word.startswith("و") and word[1:] in self.table else ""
            stem = word[len(clitic) :]
            if stem in self.table:
                rendering = self.table[stem]
                out.append(
                    Match(position, position + len(word), word, clitic, Entry(rendering), rendering)
                )
            position += len(word) + 1
        return out


class FakeGlossary:
    digest = "fake"

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table

    def matcher(self) -> FakeMatcher:
        return FakeMatcher(self.table)


TABLE = {"شويغو": "Shoigu", "باتروشيف": "Patrushev"}
WORDS = {"قال": "said", "التقى": "met", "في": "in", "موسكو": "Moscow", "و": "and"}


def run(backend: FakeBackend, line: str, mode: str = "inject") -> tuple[str, list[dict]]:
    tokenizer = WhitespaceTokenizer()
    sentences = SentenceTranslator(backend, tokenizer, TranslationOptions())  # type: ignore[arg-type]
    hook = GlossaryHook(FakeGlossary(TABLE), tokenizer, mode=mode)  # type: ignore[arg-type]
    pipeline = LinePipeline(sentences, signature={}, hook=hook)
    result = pipeline.translate_chunk([line])[0]
    return result.text, [m for r in result.report for m in r["matches"]]


def test_model_copies_the_injected_rendering() -> None:
    text, matches = run(FakeBackend(WORDS), "التقى شويغو في موسكو")
    assert text == "met Shoigu in Moscow"
    assert [m["enforced"] for m in matches] == ["copied"]


def test_clitic_is_kept_as_a_word() -> None:
    text, _ = run(FakeBackend(WORDS), "قال وشويغو")
    assert text == "said و Shoigu".replace("و", "and")


def test_altered_name_is_repaired_by_alignment() -> None:
    # The model turns every injected rendering and the Arabic name into "Batrushev".
    wrong = {**WORDS, "Patrushev": "Batrushev", "باتروشيف": "Batrushev"}
    text, matches = run(FakeBackend(wrong), "التقى باتروشيف في موسكو")
    assert text == "met Patrushev in Moscow"
    assert [m["enforced"] for m in matches] == ["aligned"]


def test_align_mode_keeps_the_rest_of_the_model_output() -> None:
    wrong = {**WORDS, "باتروشيف": "Batrushev"}
    text, matches = run(FakeBackend(wrong), "التقى باتروشيف في موسكو", mode="align")
    assert text == "met Patrushev in Moscow"
    assert matches[0]["enforced"] == "aligned"


def test_dropped_name_is_put_back() -> None:
    def drop(words: list[str]) -> list[str]:
        return [w for w in words if w not in ("Patrushev", "باتروشيف")]

    text, matches = run(FakeBackend(WORDS, rewrite=drop), "التقى باتروشيف في موسكو")
    assert count_rendering(text, "Patrushev") == 1
    assert matches[0]["enforced"] in ("redecoded", "inserted")


def test_duplicated_name_is_collapsed() -> None:
    def double(words: list[str]) -> list[str]:
        out: list[str] = []
        for w in words:
            out.extend([w, w] if w == "Shoigu" else [w])
        return out

    text, _ = run(FakeBackend(WORDS, rewrite=double), "التقى شويغو في موسكو")
    assert text == "met Shoigu in Moscow"


def test_no_article_before_a_person() -> None:
    def article(words: list[str]) -> list[str]:
        return ["the" if w == "Shoigu" else w for w in words]

    wrong = {**WORDS, "شويغو": "Shoigo"}

    def rewrite(words: list[str]) -> list[str]:
        out: list[str] = []
        for w in words:
            out.extend(["the", "Shoigo"] if w in ("Shoigu", "Shoigo") else [w])
        return out

    text, _ = run(FakeBackend(wrong, rewrite=rewrite), "التقى شويغو في موسكو")
    assert "the Shoigu" not in text and count_rendering(text, "Shoigu") == 1


def test_two_occurrences_need_two_renderings() -> None:
    text, matches = run(FakeBackend(WORDS), "التقى شويغو و شويغو")
    assert count_rendering(text, "Shoigu") == 2
    assert len(matches) == 2


def test_sentence_without_terms_is_untouched() -> None:
    text, matches = run(FakeBackend(WORDS), "قال في موسكو")
    assert text == "said in Moscow" and matches == []


@pytest.mark.parametrize(
    ("text", "expected", "ok"),
    [
        ("RIA Novosti and RIA", {"RIA Novosti": 1, "RIA": 1}, True),
        ("RIA Novosti", {"RIA Novosti": 1, "RIA": 1}, False),
        ("Shoigu's visit", {"Shoigu": 1}, True),
        ("Shoiguev", {"Shoigu": 1}, False),
    ],
)
def test_counts_ok(text: str, expected: dict[str, int], ok: bool) -> None:
    from collections import Counter

    assert counts_ok(text, Counter(expected)) is ok


def test_insertion_never_splits_a_multiword_rendering() -> None:
    from translate.enforce.placement import _Occurrence, _safe_position

    occurrence = _Occurrence(match=None, rendering="Sergei Shoigu", plain_segment=0)
    words = "met Sergei Shoigu, in Moscow".split()
    assert _safe_position(words, 2, [occurrence]) in (1, 3)
    assert _safe_position(words, 4, [occurrence]) == 4


def test_insertion_respects_renderings_with_punctuation() -> None:
    from translate.enforce.placement import _Occurrence, _safe_position

    occurrence = _Occurrence(match=None, rendering="St. Petersburg", plain_segment=0)
    words = "in St. Petersburg today".split()
    assert _safe_position(words, 2, [occurrence]) in (1, 3)


def test_report_survives_translation_around_protected_spans() -> None:
    def mangle(words: list[str]) -> list[str]:
        return [w.upper() if w.startswith("@") else w for w in words]

    text, matches = run(FakeBackend(WORDS, rewrite=mangle), "قال @someone التقى شويغو")
    assert text.count("@someone") == 1 and "Shoigu" in text
    assert [m["rendering"] for m in matches] == ["Shoigu"]


@pytest.mark.parametrize(
    ("model_output", "expected"),
    [
        (["met", "Shoigu", "Shoigo", "in", "Moscow"], "met Shoigu in Moscow"),
        (["met", "Shoigo", "Shoigu", "in", "Moscow"], "met Shoigu in Moscow"),
        (["met", "the", "Shoigu", "in", "Moscow"], "met Shoigu in Moscow"),
        (["met", "Shoigu", "in", "Moscow"], "met Shoigu in Moscow"),
        (["met", "Shoigu", "Lavrov", "in", "Moscow"], "met Shoigu Lavrov in Moscow"),
    ],
)
def test_echoes_of_the_name_are_removed_when_copied(model_output: list[str], expected: str) -> None:
    backend = FakeBackend(WORDS, rewrite=lambda words: model_output)
    text, matches = run(backend, "التقى شويغو في موسكو")
    assert text == expected
    assert matches[0]["enforced"] == "copied"
