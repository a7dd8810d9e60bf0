import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from translate.text.flags import (
    DEFAULT_FLAG_RULES,
    FLAG_CODES,
    Flag,
    FlagRules,
    arabic_left,
    find_repetition,
    length_ratio,
    sentence_flags,
)

CALIBRATION = Path(__file__).resolve().parent.parent / "benchmarks/results/flag_calibration.json"

SOURCE = "ارتفع عدد الإصابات المؤكدة إلى 1100 حالة في يوم واحد"
OUTPUT = "The number of confirmed infections rose to 1,100 cases in one day"


def codes(flags: list[Flag]) -> list[str]:
    return [f.code for f in flags]


def test_clean_sentence_has_no_flags() -> None:
    assert sentence_flags(SOURCE, OUTPUT, score=-0.3, glossary=("model", "replaced")) == []


@pytest.mark.parametrize(
    ("source", "output", "code", "evidence"),
    [
        (SOURCE, OUTPUT.replace("1,100", "1,000"), "number-missing", "number 1100 missing"),
        (SOURCE, OUTPUT.replace("1,100", "1,000"), "number-extra", "number 1000 not in the source"),
        (SOURCE, OUTPUT.replace("1,100", "one thousand"), "number-missing", "number 1100 missing"),
        (
            "وصل 3 أشخاص و4 سيارات في 2020",
            "Cars arrived on time last year, that much is certain",
            "number-missing",
            "numbers 3, 4, 2020 missing",
        ),
        (SOURCE, OUTPUT.replace("confirmed", "المؤكدة"), "arabic-left", "المؤكدة"),
        (
            SOURCE,
            "The number of the number of the number of infections rose to 1,100 cases",
            "repetition",
            '"the number of" 3 times in a row',
        ),
        (SOURCE, "Infections rose to 1,100", "length-ratio", "ratio 0.49 < 0.64"),
        (
            SOURCE,
            OUTPUT + ", said the health ministry today",
            "length-ratio",
            "ratio 1.88 > 1.75",
        ),
    ],
)
def test_flag_fires(source: str, output: str, code: str, evidence: str) -> None:
    found = {f.code: f for f in sentence_flags(source, output)}
    assert code in found
    assert found[code].evidence == evidence
    assert found[code].reason


@pytest.mark.parametrize(
    "output",
    [
        OUTPUT.replace("1,100", "1100"),
        OUTPUT + " #غزة",  # a protected hashtag is kept in Arabic on purpose
        OUTPUT.replace("rose", "rose very very"),  # a repeat, not a loop
        OUTPUT.replace("rose", "rose, no, no, no,"),
    ],
)
def test_flags_do_not_fire_on_good_output(output: str) -> None:
    assert sentence_flags(SOURCE, output) == []


def test_length_ratio_skips_short_sources() -> None:
    assert codes(sentence_flags("مرحبا بكم", "Hello")) == []
    assert "length-ratio" in codes(sentence_flags(SOURCE, "Infections"))


def test_length_ratio_ignores_spaces_and_diacritics() -> None:
    assert length_ratio("مُحَمَّد", "Muhammad") == length_ratio("محمد", "Muh am mad") == 2.0
    assert length_ratio("", "x") == 0.0


def test_low_confidence_needs_a_threshold_and_a_score() -> None:
    rules = replace(DEFAULT_FLAG_RULES, min_confidence=-1.5)
    [flag] = sentence_flags(SOURCE, OUTPUT, score=-2.31, rules=rules)
    assert (flag.code, flag.evidence) == ("low-confidence", "score -2.31 < -1.50")
    assert sentence_flags(SOURCE, OUTPUT, score=-1.2, rules=rules) == []
    assert sentence_flags(SOURCE, OUTPUT, score=None, rules=rules) == []
    assert sentence_flags(SOURCE, OUTPUT, score=-9.0) == []  # no threshold by default


@pytest.mark.parametrize(
    ("methods", "expected"),
    [
        (
            ("model", "unplaced", "replaced"),
            [("glossary-unplaced", "1 of 3 glossary matches unplaced")],
        ),
        (("ambiguous", "ambiguous"), [("glossary-ambiguous", "2 of 2 glossary matches ambiguous")]),
        (
            ("unplaced", "ambiguous"),
            [
                ("glossary-unplaced", "1 of 2 glossary matches unplaced"),
                ("glossary-ambiguous", "1 of 2 glossary matches ambiguous"),
            ],
        ),
        (("model", "inserted", "injected"), []),
    ],
)
def test_glossary_flags(methods: tuple[str, ...], expected: list[tuple[str, str]]) -> None:
    flags = sentence_flags(SOURCE, OUTPUT, glossary=methods)
    assert [(f.code, f.evidence) for f in flags] == expected


def test_protected_changed() -> None:
    assert codes(sentence_flags(SOURCE, OUTPUT, protected_changed=True)) == ["protected-changed"]


def test_ignored_source_spans_are_not_checked() -> None:
    source = "الرمز 777 " + SOURCE
    start = source.index("777")
    assert codes(sentence_flags(source, OUTPUT)) == ["number-missing"]
    assert sentence_flags(source, OUTPUT, ignore=[(start, start + 3)]) == []


def test_flags_come_in_code_order() -> None:
    flags = sentence_flags(
        SOURCE,
        "The the the the المؤكدة",
        glossary=("unplaced",),
        protected_changed=True,
    )
    assert codes(flags) == sorted(codes(flags), key=FLAG_CODES.index)
    assert {"number-missing", "arabic-left", "repetition", "length-ratio"} <= set(codes(flags))


@pytest.mark.parametrize(
    ("text", "loop"),
    [
        ("the the the the end", ("the", 4)),
        ("of the of the of the", ("of the", 3)),
        ("Stop. Stop. Stop. Stop.", ("stop", 4)),
        ("very very good", None),
        ("no, no, no", None),
        ("one two one two", None),
    ],
)
def test_find_repetition(text: str, loop: tuple[str, int] | None) -> None:
    assert find_repetition(text) == loop


def test_arabic_left_outside_protected_spans() -> None:
    assert arabic_left("Visit #غزة and the السوق today") == ["السوق"]
    assert arabic_left("Nothing here") == []


def test_flag_as_json() -> None:
    flag = Flag("number-missing", "a reason", "number 5 missing")
    assert flag.as_json() == {
        "code": "number-missing",
        "reason": "a reason",
        "evidence": "number 5 missing",
    }


def test_rules_digest_is_stable_and_sensitive() -> None:
    digest = DEFAULT_FLAG_RULES.digest()
    assert re.fullmatch("[0-9a-f]{12}", digest)
    assert FlagRules().digest() == digest
    assert replace(DEFAULT_FLAG_RULES, min_confidence=-1.5).digest() != digest
    assert replace(DEFAULT_FLAG_RULES, max_length_ratio=2.0).digest() != digest


def test_defaults_are_the_calibrated_thresholds() -> None:
    if not CALIBRATION.is_file():
        pytest.skip("no calibration results")
    chosen = json.loads(CALIBRATION.read_text(encoding="utf-8"))["length_ratio"]["chosen"]
    assert chosen == {
        "min_length_ratio": DEFAULT_FLAG_RULES.min_length_ratio,
        "max_length_ratio": DEFAULT_FLAG_RULES.max_length_ratio,
    }
