import time

import pytest

from translate.engine.pipeline import segment_line
from translate.text.segment import count_words, cut_long_sentence, split_sentences


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "قال الوزير إن الوضع مستقر. وأضاف أن المحادثات ستستمر!",
            ["قال الوزير إن الوضع مستقر.", "وأضاف أن المحادثات ستستمر!"],
        ),
        ("هل ستحضر؟ «نعم، سأحضر.» قالت.", ["هل ستحضر؟", "«نعم، سأحضر.»", "قالت."]),
        ("قال: (انتهى الاجتماع.) ثم غادر.", ["قال: (انتهى الاجتماع.)", "ثم غادر."]),
        ("بلغت النسبة 3.5 بالمئة. ثم ٣٫٥ أمس.", ["بلغت النسبة 3.5 بالمئة.", "ثم ٣٫٥ أمس."]),
        (
            "قابل د. محمد أ. علي في القاهرة. ثم غادر.",
            ["قابل د. محمد أ. علي في القاهرة.", "ثم غادر."],
        ),
        (
            "زوروا https://example.com/a.b?x=1. أو راسلونا على info@news.co.uk. شكرا.",
            ["زوروا https://example.com/a.b?x=1.", "أو راسلونا على info@news.co.uk.", "شكرا."],
        ),
        ("1. النقطة الأولى", ["1. النقطة الأولى"]),
        ("٢. البند الثاني", ["٢. البند الثاني"]),
        (
            "Mr. Smith went to Washington. He met the U.S. envoy.",
            ["Mr. Smith went to Washington.", "He met the U.S. envoy."],
        ),
        ("J. R. R. Tolkien wrote it.", ["J. R. R. Tolkien wrote it."]),
        ("انتظر… ثم تكلم", ["انتظر…", "ثم تكلم"]),
        ("انتظر... ثم تكلم", ["انتظر...", "ثم تكلم"]),
        # "؛" joins the clauses of one sentence (English ";"); only cut_long_sentence
        # cuts there, and only in a sentence over the length limit.
        (
            "قال الرئيس إن المفاوضات مستمرة بين الطرفين؛ وأكد الوزير أن الاتفاق قريب جدا.",
            ["قال الرئيس إن المفاوضات مستمرة بين الطرفين؛ وأكد الوزير أن الاتفاق قريب جدا."],
        ),
        ("نعم؛ لا", ["نعم؛ لا"]),
        ("", []),
        ("   ", []),
        ("بدون علامة", ["بدون علامة"]),
        ("الجملة الأخيرة انتهت.", ["الجملة الأخيرة انتهت."]),
    ],
)
def test_split_sentences(line: str, expected: list[str]) -> None:
    assert split_sentences(line) == expected


def test_split_never_loses_text() -> None:
    line = "أ. ب. ج؟ د! هـ… و؛ ز. 1. ح www.x.org. ط"
    assert "".join(split_sentences(line)).replace(" ", "") == line.replace(" ", "")


def test_cut_prefers_clause_boundaries() -> None:
    sentence = "قال الوزير كلاما، ثم أضاف شيئا آخر، وختم بكلمة"
    pieces = cut_long_sentence(sentence, 4, count_words)
    assert pieces == ["قال الوزير كلاما،", "ثم أضاف شيئا آخر،", "وختم بكلمة"]


def test_cut_falls_back_to_spaces_and_characters() -> None:
    words = " ".join(["كلمة"] * 25)
    pieces = cut_long_sentence(words, 10, count_words)
    assert all(count_words(p) <= 10 for p in pieces)
    assert " ".join(pieces) == words
    blob = "x" * 1000
    pieces = cut_long_sentence(blob, 8, len)
    assert all(len(p) <= 8 * 4 for p in pieces)
    assert "".join(pieces) == blob
    assert all(len(p) <= 8 for p in pieces)


def test_short_sentence_untouched() -> None:
    assert cut_long_sentence("جملة قصيرة", 10, count_words) == ["جملة قصيرة"]


def test_split_is_linear_enough_for_a_megabyte_line() -> None:
    line = "هذه جملة طويلة نوعا ما. " * 40_000  # ~1 MB
    sentences = split_sentences(line)
    assert len(sentences) == 40_000


def test_semicolon_cuts_only_a_sentence_over_the_limit() -> None:
    sentence = "ارتفعت الأسعار في الأسواق المحلية، كما قال التجار؛ لذلك قررت الحكومة زيادة الدعم."
    assert segment_line(sentence, 50, count_words) == [sentence]
    assert segment_line(sentence, 8, count_words) == [
        "ارتفعت الأسعار في الأسواق المحلية، كما قال التجار؛",
        "لذلك قررت الحكومة زيادة الدعم.",
    ]


def test_cut_prefers_semicolons_to_commas() -> None:
    sentence = "أ ب، ج د؛ هـ و، ز ح"
    # Greedy packing over commas alone would give "أ ب، ج د؛ هـ و،" | "ز ح".
    assert cut_long_sentence(sentence, 6, count_words) == ["أ ب، ج د؛", "هـ و، ز ح"]


@pytest.mark.parametrize(
    "line",
    [
        "د. " * 200_000,  # abbreviations: nothing ends, every mark is looked at
        "ب.ب" * 200_000,  # one huge token of glued single letters
        "ت" * 500_000 + ". " + "ب" * 500_000 + ".وفي",
        "1. " + "كلمة 2. " * 100_000,
    ],
)
def test_split_stays_linear_on_pathological_lines(line: str) -> None:
    began = time.perf_counter()
    pieces = split_sentences(line)
    assert time.perf_counter() - began < 10
    assert "".join(pieces).replace(" ", "") == line.replace(" ", "")
