"""Finding candidate names in an Arabic corpus: small hand-made corpora and a real article."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from translate.glossary import parse_glossary_text
from translate.glossary.discovery import (
    DEFAULT_DISCOVERY_RULES,
    DiscoveryRules,
    NameCandidate,
    find_candidates,
)
from translate.glossary.matcher import proclitic_readings

SAMPLE = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "sample-news.ar.txt"


def by_key(candidates: list[NameCandidate]) -> dict[str, NameCandidate]:
    return {c.key: c for c in candidates}


def kinds(candidate: NameCandidate) -> set[str]:
    return {kind for kind, _ in candidate.evidence}


def stems(candidates: list[NameCandidate]) -> set[str]:
    return {form for c in candidates for form, _ in c.forms}


def test_title_phrase_names_first_name_and_surname() -> None:
    found = by_key(find_candidates(["قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات بناءة."]))
    assert set(found) == {"سيرغي", "لافروف"}
    for candidate in found.values():
        assert ("title:وزير", 1) in candidate.evidence
    assert "ending" in kinds(found["لافروف"])  # ـوف


@pytest.mark.parametrize(
    ("line", "name", "title"),
    [
        ("التقى الرئيس بشار الأسد الوفد.", "بشار", "title:الرئيس"),
        ("وصلت السيدة ماريا زاخاروفا أمس.", "زاخاروفا", "title:السيدة"),
        (
            "وقال المتحدث باسم وزارة الخارجية دميتري بيسكوف إن الأمر انتهى.",
            "بيسكوف",
            "title:المتحدث",
        ),
        ("التقى بنظيره الإيراني، قرائي أشتياني، في الاجتماع.", "اشتياني", "title:نظيره"),
        ("نقلت وكالة مهر عن مسؤول قوله ذلك.", "مهر", "org:وكالة"),
        ("ذكرت وكالة أنباء تاس الخبر.", "تاس", "org:وكالة"),
    ],
)
def test_titles(line: str, name: str, title: str) -> None:
    found = by_key(find_candidates([line]))
    assert name in found, found.keys()
    assert title in dict(found[name].evidence)


def test_al_surname_follows_a_name_only() -> None:
    found = by_key(find_candidates(["التقى الرئيس بشار الأسد الوفد الروسي في دمشق."]))
    assert set(found) == {"بشار", "الاسد"}
    assert found["الاسد"].forms == (("الأسد", 1),)


def test_phrases_that_are_not_names() -> None:
    lines = [
        "قال مدير مكتب الشركة إن العمل مستمر.",  # an indefinite title before a noun
        "منظمة شنغهاي للتعاون منظمة للتعاون السياسي والاقتصادي تضم روسيا.",
        "هذه مجموعة متنوعة من الأفكار.",  # an adjective agreeing with the word
        "وكالة الإعلام الروسية نقلت الخبر.",  # the article: not a name
        "قال الرئيس إن الوضع مستقر.",
    ]
    found = by_key(find_candidates(lines))
    assert set(found) == {"شنغهاي"}


def test_foreign_letters_are_evidence() -> None:
    found = by_key(find_candidates(["وصل گروسي إلى طهران.", "قالت الصحف إن چيكو غادر."]))
    assert {"گروسي", "چيكو"} <= set(found)
    assert ("foreign-letter", 1) in found["گروسي"].evidence


@pytest.mark.parametrize(
    ("lines", "forms"),
    [
        (
            ["قال وزير الدفاع الروسي سيرغي شويغو إن الأمر انتهى.", "وأكد شويجو ذلك.", "وقال شويغو"],
            {"شويغو": 2, "شويجو": 1},
        ),
        (
            ["قال المدير العام رافائيل غروسي إن التفتيش انتهى.", "وأضاف جروسي أن الوكالة مستعدة."],
            {"غروسي": 1, "جروسي": 1},
        ),
        (["قال نظيره الإيراني أشتياني إن", "وقال اشتياني إن"], {"أشتياني": 1, "اشتياني": 1}),
    ],
)
def test_spelling_variants_are_one_candidate(lines: list[str], forms: dict[str, int]) -> None:
    found = [c for c in find_candidates(lines) if set(dict(c.forms)) & set(forms)]
    assert len(found) == 1
    assert dict(found[0].forms) == forms
    assert found[0].count == sum(forms.values())


def test_variants_evidence_needs_another_letter_not_just_a_vowel() -> None:
    lines = ["قال وزير الدفاع الروسي سيرغي شويغو إن الأمر انتهى.", "وأكد شويجو ذلك."]
    found = [c for c in find_candidates(lines) if "شويغو" in dict(c.forms)]
    assert found[0].key == "شويجو"  # equal counts: the first spelling in folded order
    assert ("variants", 2) in found[0].evidence
    # Long vowels come and go in Arabic word patterns (انتشار/انتشر): no evidence alone.
    assert find_candidates(["زاد انتشار المرض.", "انتشر المرض."]) == []


def test_proclitics_are_split_where_the_corpus_attests_the_stem() -> None:
    lines = [
        "التقى أمين مجلس الأمن الروسي، نيكولاي باتروشيف، بالوفد.",
        "وباتروشيف قال ذلك لشويغو.",
        "قال وزير الدفاع الروسي سيرغي شويغو إن الأمر انتهى.",
    ]
    found = by_key(find_candidates(lines))
    patrushev = found["باتروشيف"]
    assert patrushev.forms == (("باتروشيف", 2),)
    assert [o.surface for o in patrushev.occurrences] == ["باتروشيف", "وباتروشيف"]
    assert [o.surface for o in found["شويغو"].occurrences] == ["لشويغو", "شويغو"]
    for candidate in found.values():
        for o in candidate.occurrences:
            assert lines[o.line][o.start : o.end] == o.surface
            assert o.surface.endswith(o.stem)


def test_a_name_keeps_its_first_letter_when_the_rest_is_not_attested() -> None:
    lines = ["قال الرئيس فلاديمير بوتين إن الأمر انتهى.", "وقال بوتين أيضا", "إعصار فريد وريد"]
    keys = set(by_key(find_candidates(lines)))
    assert {"فلاديمير", "بوتين"} <= keys
    assert "ريد" not in keys  # فريد is not ف + ريد, although ريد occurs


def test_readings() -> None:
    assert proclitic_readings("وباتروشيف")[:2] == [("", "وباتروشيف"), ("و", "باتروشيف")]
    assert ("ل", "الامن") in proclitic_readings("للامن")


def test_skip_glossary_words_are_not_candidates_but_vouch_for_neighbours() -> None:
    glossary, problems = parse_glossary_text(
        "entries:\n  - {english: Sergei Shoigu, arabic: [سيرغي شويغو], type: person}\n",
        "fixture.yaml",
    )
    assert not [p for p in problems if p.severity == "error"]
    lines = ["قال وزير الدفاع الروسي سيرغي شويغو إن الأمر انتهى.", "وقال شويغو إن"]
    assert find_candidates(lines, skip=glossary.matcher()) == []
    found = by_key(find_candidates(["التقى سيرغي شويغو بيلوسوف أمس"], skip=glossary.matcher()))
    assert set(found) == {"بيلوسوف"}
    assert found["بيلوسوف"].evidence == (("ending", 1), ("next-to-name", 1))


def test_common_words_are_not_suggested() -> None:
    lines = ["قال الرئيس إن يوم التعاون مهم، وقال الوزير إن التعاون بين البلدين يزداد."] * 3
    lines += ["قال رئيس الوزراء الفرنسي ماكرون إن التعاون بين البلدين يزداد."]
    keys = set(by_key(find_candidates(lines)))
    assert keys == {"ماكرون"}
    assert not {"قال", "يوم", "التعاون", "تعاون", "وقال", "يزداد"} & keys


def test_frequency_rule_drops_a_word_seen_often_without_evidence() -> None:
    # يقوم once after a title (a verb after its subject), six times elsewhere.
    lines = ["قال اللاعب يقوم الآن."] + ["هو يقوم الآن"] * 6
    assert find_candidates(lines) == []
    assert "يقوم" in by_key(find_candidates(lines[:2]))  # too rare to tell


def test_article_share_drops_common_nouns() -> None:
    lines = ["قال الرئيس الأمريكي التكاليف مرتفعة.", "التكاليف كبيرة", "التكاليف كثيرة"]
    lines += ["ذكرت الصحيفة أن تكاليف"]
    # تكاليف (ـيف) with the article three times out of four: a noun, not a name.
    assert "تكاليف" not in by_key(find_candidates(lines))


def test_latin_name_nearby() -> None:
    found = by_key(find_candidates(["ووصف لافروف (Lavrov) الخطة بأنها جيدة (WHO)."]))
    assert set(found) == {"لافروف"}
    assert ("latin-nearby", 1) in found["لافروف"].evidence


def test_min_count_and_order() -> None:
    lines = ["قال وزير الدفاع الروسي سيرغي شويغو إن", "وأكد شويجو ذلك", "وقال شويغو إن"]
    lines += ["وصل السيد بيتر"]
    found = find_candidates(lines)
    assert [c.key for c in found] == sorted(
        (c.key for c in found), key=lambda k: (-by_key(found)[k].score, -by_key(found)[k].count, k)
    )
    assert found[0].key == "شويغو"
    rules = dataclasses.replace(DEFAULT_DISCOVERY_RULES, min_count=2)
    assert [c.key for c in find_candidates(lines, rules=rules)] == ["شويغو"]


def test_output_is_deterministic() -> None:
    lines = [
        "قال وزير الخارجية الروسي سيرغي لافروف إن",
        "التقى الرئيس بشار الأسد الوفد",
        "وأكد شويجو ذلك",
        "قال وزير الدفاع الروسي سيرغي شويغو",
        "وصل گروسي إلى طهران",
    ]
    first = find_candidates(lines)
    assert find_candidates(list(lines)) == first
    shuffled = list(lines)
    random.Random(1).shuffle(shuffled)
    again = find_candidates(shuffled)
    assert [(c.key, c.score, c.forms, c.evidence) for c in again] == [
        (c.key, c.score, c.forms, c.evidence) for c in first
    ]
    assert find_candidates([]) == [] and find_candidates(["", "  ", "123 abc"]) == []


def test_rules_digest() -> None:
    digest = DEFAULT_DISCOVERY_RULES.digest()
    assert len(digest) == 12 and int(digest, 16) >= 0
    assert DiscoveryRules().digest() == digest
    assert dataclasses.replace(DEFAULT_DISCOVERY_RULES, min_score=2.0).digest() != digest
    changed = dataclasses.replace(DEFAULT_DISCOVERY_RULES, titles="وزير")
    assert changed.digest() != digest
    assert find_candidates(["وصل الرئيس بيتر"], rules=changed) == []


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared data not available")
def test_sample_news_article() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    found = find_candidates(lines)
    keys = by_key(found)
    for name in ("باتروشيف", "ريابكوف", "احمديان", "اشتياني", "سيرغي", "نيكولاي", "بشار"):
        assert name in keys, name
    assert dict(keys["شويغو"].forms) == {"شويغو": 3, "شويجو": 1}
    assert "variants" in kinds(keys["شويغو"])
    assert not {"قال", "يوم", "التعاون", "الروسي", "روسيا", "ايران", "وقال"} & set(keys)
    assert not {"قال", "يوم", "التعاون"} & stems(found)
    top = [c.key for c in found[:8]]
    assert {"شويغو", "باتروشيف", "ريابكوف", "احمديان"} <= set(top)
    for candidate in found:
        for o in candidate.occurrences:
            assert lines[o.line][o.start : o.end] == o.surface
