"""Finding glossary terms in Arabic text: hand-written golden cases and invariants."""

from __future__ import annotations

import dataclasses
import itertools
import json
import random
import unicodedata
from pathlib import Path

import pytest

from translate.glossary import Entry, Glossary, Match, Matcher, parse_glossary_text
from translate.glossary.tokens import fold_text
from translate.text.normalize import fold_for_matching

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"

FIXTURE = """\
entries:
  - {english: Shoigu, arabic: [شويغو], type: person}
  - {english: Sergei Shoigu, arabic: [سيرغي شويغو], type: person}
  - {english: Patrushev, arabic: [باتروشيف], type: person}
  - {english: BRICS, arabic: [بريكس], type: organisation}
  - {english: United Nations, arabic: [الأمم المتحدة], type: organisation, variants: false}
  - {english: Shanghai Cooperation Organization, arabic: [منظمة شنغهاي للتعاون], type: organisation}
  - {english: Shanghai, arabic: [شنغهاي], type: place}
  - {english: St. Petersburg, arabic: [سان بطرسبرج], type: place}
  - {english: Ashtiani, arabic: [أشتياني], type: person}
  - {english: Lebanon, arabic: [لبنان], type: place, variants: false}
  - {english: Kyiv, arabic: [كييف], type: place, variants: false}
  - {english: Germany, arabic: [ألمانيا], type: place, variants: false}
  - {english: South Africa, arabic: [جنوب أفريقيا], type: place, variants: false}
  - {english: Central Africa, arabic: [أفريقيا الوسطى], type: place, variants: false}
  - {english: North Korea, arabic: [كوريا الشمالية], type: place, variants: false}
  - {english: Korea, arabic: [كوريا], type: place, variants: false}
  - {english: World Health Organization, arabic: [WHO], case_sensitive: true}
  - {english: IRNA, arabic: [IRNA]}
  - {arabic: [COVID-19], keep: true}
  - {english: Turkey, arabic: [تركيا], type: place, variants: false}
  - {english: epidemic, arabic: [وباء], type: term}
"""


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    glossary, problems = parse_glossary_text(FIXTURE, "fixture.yaml")
    assert [p for p in problems if p.severity == "error"] == []
    return glossary.matcher()


def summary(matches: list[Match]) -> list[tuple[str, str, str]]:
    return [(m.surface, m.clitic, m.rendering) for m in matches]


CLITICS = [
    ("وشويغو", [("وشويغو", "و", "Shoigu")]),
    ("فشويغو", [("فشويغو", "ف", "Shoigu")]),
    ("لباتروشيف", [("لباتروشيف", "ل", "Patrushev")]),
    ("بباتروشيف", [("بباتروشيف", "ب", "Patrushev")]),
    ("كشويغو", [("كشويغو", "ك", "Shoigu")]),
    ("وبشويغو", [("وبشويغو", "وب", "Shoigu")]),
    ("البريكس", [("البريكس", "ال", "BRICS")]),
    ("والبريكس", [("والبريكس", "وال", "BRICS")]),
    ("بالبريكس", [("بالبريكس", "بال", "BRICS")]),
    ("للبريكس", [("للبريكس", "لل", "BRICS")]),
    ("فالبريكس", [("فالبريكس", "فال", "BRICS")]),
    ("وللبريكس", [("وللبريكس", "ولل", "BRICS")]),
    ("وبالبريكس", [("وبالبريكس", "وبال", "BRICS")]),
    ("كالبريكس", [("كالبريكس", "كال", "BRICS")]),
    ("والأمم المتحدة", [("والأمم المتحدة", "و", "United Nations")]),
    ("للأمم المتحدة", [("للأمم المتحدة", "ل", "United Nations")]),
    ("وللأمم المتحدة", [("وللأمم المتحدة", "ول", "United Nations")]),
    ("للبنان", [("للبنان", "ل", "Lebanon")]),
    ("ولبنان", [("ولبنان", "و", "Lebanon")]),
]


@pytest.mark.parametrize(("text", "expected"), CLITICS)
def test_proclitics_are_split_and_reported(matcher: Matcher, text: str, expected: list) -> None:
    assert summary(matcher.find(text)) == expected


def test_clitic_glosses_and_article(matcher: Matcher) -> None:
    (match,) = matcher.find("والبريكس")
    assert (match.clitic_english, match.article, match.particles_english) == (
        "and the",
        True,
        "and",
    )
    assert match.term == "بريكس" and match.term_start == 3 and match.particles == "و"
    assert matcher.find("للبريكس")[0].particles == "ل"
    assert matcher.find("البريكس")[0].particles == ""
    (match,) = matcher.find("للأمم المتحدة")
    assert (match.clitic_english, match.article, match.term) == ("to", False, "لأمم المتحدة")
    assert match.particles == "ل"
    (match,) = matcher.find("بباتروشيف")
    assert match.clitic_english == "with/by"
    assert matcher.find("شويغو")[0].clitic_english == ""


VARIANTS = [
    ("شويجو", "Shoigu"),
    ("شويقو", "Shoigu"),
    ("شويگو", "Shoigu"),
    ("لشويقو", "Shoigu"),
    ("باتروشيڤ", "Patrushev"),
    ("پاتروشيف", "Patrushev"),
    ("سيرجي شويجو", "Sergei Shoigu"),
    ("سانت بطرسبرغ", None),  # سانت is another word, not a variant of سان
    ("سان بطرسبورغ", "St. Petersburg"),
    ("آشتياني", "Ashtiani"),
    ("اشتياني", "Ashtiani"),
    ("منظمة شانغهاي للتعاون", "Shanghai Cooperation Organization"),
    ("المانيا", "Germany"),
    ("المنيا", None),  # variants off: Minya is not Germany
    ("كيف", None),  # variants off: "how" is not Kyiv
    ("الأمم المتحده", "United Nations"),  # final ة/ه is normalisation, not a variant
]


@pytest.mark.parametrize(("text", "rendering"), VARIANTS)
def test_spelling_variants(matcher: Matcher, text: str, rendering: str | None) -> None:
    if rendering is None:
        assert matcher.find(text) == []
    else:
        (match,) = matcher.find(text)
        assert (match.surface, match.rendering) == (text, rendering)


def test_variant_flag(matcher: Matcher) -> None:
    assert matcher.find("شويغو")[0].variant is False
    assert matcher.find("شويجو")[0].variant is True
    assert matcher.find("شويجو")[0].form == "شويغو"


BOUNDARIES = [
    ("شويغوف", []),
    ("مشويغو", []),  # م is not a proclitic
    ("البريكسي", []),
    ("شويغو2", []),
    ("IRNAS", []),
    ("AIRNA", []),
    ("شويغو، وباتروشيف.", [("شويغو", "", "Shoigu"), ("وباتروشيف", "و", "Patrushev")]),
    ("(شويغو)", [("شويغو", "", "Shoigu")]),
    ("«البريكس»", [("البريكس", "ال", "BRICS")]),
    ("IRNA.", [("IRNA", "", "IRNA")]),
    ("irna", [("irna", "", "IRNA")]),
    ("ذكرت IRNA اليوم", [("IRNA", "", "IRNA")]),
    ("", []),
    ("   ", []),
]


@pytest.mark.parametrize(("text", "expected"), BOUNDARIES)
def test_whole_words_only(matcher: Matcher, text: str, expected: list) -> None:
    assert summary(matcher.find(text)) == expected


LONGEST = [
    ("سيرغي شويغو", [("سيرغي شويغو", "", "Sergei Shoigu")]),
    ("وسيرغي شويغو", [("وسيرغي شويغو", "و", "Sergei Shoigu")]),
    ("منظمة شنغهاي للتعاون", [("منظمة شنغهاي للتعاون", "", "Shanghai Cooperation Organization")]),
    ("مدينة شنغهاي", [("شنغهاي", "", "Shanghai")]),
    ("كوريا الشمالية", [("كوريا الشمالية", "", "North Korea")]),
    ("كوريا الجنوبية", [("كوريا", "", "Korea")]),
    # Overlapping candidates: the longer one wins, the shorter one is dropped.
    ("جنوب أفريقيا الوسطى", [("أفريقيا الوسطى", "", "Central Africa")]),
    ("جنوب أفريقيا", [("جنوب أفريقيا", "", "South Africa")]),
]


@pytest.mark.parametrize(("text", "expected"), LONGEST)
def test_longest_match_wins(matcher: Matcher, text: str, expected: list) -> None:
    assert summary(matcher.find(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "سيرغي شويغو",
        "سيرغي   شويغو",
        "سيرغي\tشويغو",
        "سيرغي\nشويغو",
        "سيرغي\u00a0شويغو",
        "سيرغي \r\n شويغو",
    ],
)
def test_multi_word_terms_match_across_any_whitespace(matcher: Matcher, text: str) -> None:
    (match,) = matcher.find(text)
    assert (match.rendering, match.start, match.end) == ("Sergei Shoigu", 0, len(text))


def test_overlap_between_equal_lengths_prefers_the_earlier_start() -> None:
    entries = [
        Entry("AB", ("روسيا الاتحادية",)),
        Entry("BC", ("الاتحادية روسيا",)),
    ]
    matches = Matcher(entries).find("روسيا الاتحادية روسيا")
    assert [(m.surface, m.rendering) for m in matches] == [("روسيا الاتحادية", "AB")]


NORMALISATION = [
    "شُوَيْغُو",  # diacritics
    "شويـــغو",  # tatweel
    "\ufeb7\ufeee\ufef3\ufed0\ufeee",  # presentation forms, as copied from PDFs
    "شو\u200cيغو",  # zero-width non-joiner
]


@pytest.mark.parametrize("text", NORMALISATION)
def test_normalised_comparison_reports_original_offsets(matcher: Matcher, text: str) -> None:
    if text.startswith("\ufeb7"):
        assert unicodedata.normalize("NFKC", text) == "شويغو"
    sentence = f"قال {text} اليوم"
    (match,) = matcher.find(sentence)
    assert match.rendering == "Shoigu"
    assert match.surface == text and sentence[match.start : match.end] == text


def test_trailing_diacritic_belongs_to_the_match(matcher: Matcher) -> None:
    (match,) = matcher.find("إلى لبنانَ غدا")
    assert match.surface == "لبنانَ"


def test_case_sensitive_and_keep_entries(matcher: Matcher) -> None:
    assert summary(matcher.find("قالت WHO")) == [("WHO", "", "World Health Organization")]
    assert matcher.find("who said") == []
    assert summary(matcher.find("انتشار covid-19 اليوم")) == [("covid-19", "", "covid-19")]


def test_tanwin_marks_a_common_word_not_a_name(matcher: Matcher) -> None:
    assert summary(matcher.find("زار تركيا")) == [("تركيا", "", "Turkey")]
    assert matcher.find("وفدًا تركيًا") == []
    assert summary(matcher.find("انتشر وباءً")) == [("وباءً", "", "epidemic")]


def test_match_is_frozen(matcher: Matcher) -> None:
    (match,) = matcher.find("شويغو")
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.rendering = "x"  # type: ignore[misc]


def test_matcher_is_built_once_per_glossary() -> None:
    glossary = Glossary((Entry("Shoigu", ("شويغو",)),))
    assert glossary.matcher() is glossary.matcher()
    assert Matcher.from_glossary(glossary) is glossary.matcher()


def test_matches_are_sorted_disjoint_and_point_into_the_text(matcher: Matcher) -> None:
    words = ["شويغو", "والبريكس", "قال", "سيرغي", "شويجو", "للأمم", "المتحدة", "،", "كوريا"]
    rng = random.Random(3)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        matches = matcher.find(text)
        for match in matches:
            assert text[match.start : match.end] == match.surface
            assert match.start <= match.term_start < match.end
            assert text[match.start : match.term_start].replace("ا", "") in ("", "و", "ول", "ل")
        for first, second in itertools.pairwise(matches):
            assert first.end <= second.start


def test_fast_fold_equals_the_normaliser() -> None:
    rng = random.Random(5)
    alphabet = "ابتةثجحخدذرزسشصضطظعغفقكلمنهويىأإآؤئءپچڤگیک" + "abcXYZ019 ،.!؟«»-()"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        folded, offsets = fold_text(text)
        expected, expected_offsets = fold_for_matching(text)
        assert folded == expected, text
        assert offsets is None or offsets == expected_offsets


def test_benchmark_names_set_is_matched_exactly() -> None:
    from translate.glossary import load_glossaries

    lines = (ROOT / "benchmarks" / "data" / "names.ar").read_text(encoding="utf-8").splitlines()
    records = (ROOT / "benchmarks" / "data" / "names.terms.jsonl").read_text(encoding="utf-8")
    expected = [json.loads(line) for line in records.splitlines()]
    assert len(lines) == len(expected) >= 200
    default = load_glossaries([]).matcher()
    for text, record in zip(lines, expected, strict=True):
        found = [(m.start, m.end, m.clitic, m.rendering) for m in default.find(text)]
        wanted = [(e["start"], e["end"], e["clitic"], e["rendering"]) for e in record["matches"]]
        assert found == wanted, text


@pytest.mark.skipif(not (SHARED / "flores-dev.ar").is_file(), reason="no ../shared/data")
def test_default_glossary_variants_stay_precise_on_real_text() -> None:
    from translate.glossary import load_glossaries

    default = load_glossaries([]).matcher()
    variants = set()
    for line in (SHARED / "flores-dev.ar").read_text(encoding="utf-8").splitlines():
        variants |= {(m.term, m.rendering) for m in default.find(line) if m.variant}
    # Every spelling-variant match on FLORES dev was checked by hand when this was written.
    assert variants <= {("الجارديان", "The Guardian")}
