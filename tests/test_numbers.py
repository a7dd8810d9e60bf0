import pytest

from translate.text.numbers import (
    Number,
    NumberCheck,
    compare_numbers,
    english_rendering,
    output_numbers,
    source_number_words,
    source_numbers,
    western_digits,
)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("بلغ عدد الضحايا 1100 شخص", ["1100"]),  # Western digits
        ("بلغ عدد الضحايا ١١٠٠ شخص", ["1100"]),  # Arabic-Indic digits
        ("بلغ عدد الضحايا ۱۱۰۰ شخص", ["1100"]),  # Persian digits
        ("بلغ ١٬١٠٠ شخص", ["1100"]),  # ARABIC THOUSANDS SEPARATOR
        ("بلغ 1,100 شخص و2,500,000 دولار", ["1100", "2500000"]),
        ("ارتفع بنسبة ٣٫٥", ["3.5"]),  # ARABIC DECIMAL SEPARATOR
        ("ارتفع بنسبة 3.50", ["3.5"]),  # trailing zero dropped
        ("ارتفع بنسبة ٪٥ ثم ٣٫٥٪ ثم 7 %", ["5", "3.5", "7"]),  # percent before and after
        ("ارتفع 5 في المائة", ["5"]),
        ("بين 10-15 يوما", ["10", "15"]),  # a range is two numbers, never a minus
        ("بين ١٠–١٥ يوما", ["10", "15"]),
        ("الساعة 10:30 صباحا", ["10:30"]),
        ("الساعة ٠٩:٣٠", ["9:30"]),
        ("بنسبة 1:1000", ["1", "1000"]),  # a ratio is no time
        ("1.5 مليون دولار", ["1500000"]),
        ("٣ ملايين نسمة و5 آلاف جندي و2 مليار", ["3000000", "5000", "2000000000"]),
        ("الأعداد ٣،٤", ["3", "4"]),  # the Arabic comma separates numbers
        ("1,2 و 1,1000", ["1", "2", "1", "1000"]),  # "," only groups threes
        ("1.000.000", ["1000000"]),
        ("في عام 2020", ["2020"]),
        ("فيروس كوفيد-19", ["19"]),
        ("ألفت كتابا", []),  # no digits, no number
    ],
)
def test_source_numbers(text: str, values: list[str]) -> None:
    assert [n.value for n in source_numbers(text)] == values


def test_source_numbers_have_offsets_and_percent() -> None:
    text = "ارتفع بنسبة ٣٫٥٪ أمس"
    [number] = source_numbers(text)
    assert text[number.start : number.end] == number.surface == "٣٫٥٪"
    assert number.percent and number.value == "3.5"


def test_source_numbers_skip_ignored_spans() -> None:
    text = "انظر https://x.org/2020 في 2021"
    start = text.index("https")
    assert [n.value for n in source_numbers(text, [(start, start + 18)])] == ["2021"]
    assert [n.value for n in source_numbers(text)] == ["2020", "2021"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The death toll reached 1,100", ["1100"]),
        ("It rose 3.50 percent, then 5 per cent, then 7%", ["3.5", "5", "7"]),
        ("Twenty-five people and twenty five more", ["25", "25"]),
        ("two hundred and fifty", ["250"]),
        ("a hundred people", ["100"]),
        ("several hundred samples", []),  # a multiplier alone is vague, no number
        ("1.5 million dollars, $300+ billion", ["1500000", "300000000000"]),
        ("three million", ["3000000"]),
        ("two-dozen awards", ["24"]),
        ("one two", ["1", "2"]),  # words that do not compose are two numbers
        ("at 10:30 am", ["10:30"]),
        ("copied ٣٫٥ digits", ["3.5"]),
        ("the 21st day of the 1990s", ["21", "1990"]),
        ("type II cells", ["2"]),
        ("first and second", []),  # ordinal words are no numbers
    ],
)
def test_output_numbers(text: str, values: list[str]) -> None:
    assert [n.value for n in output_numbers(text)] == values


def test_output_codes_and_words_are_marked() -> None:
    ace, virus, three = output_numbers("ACE2 binds SARS-CoV-2 in three ways")
    assert ace.code and virus.code and not three.code
    assert three.words and not ace.words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ثلاثة أشخاص", "3"),
        ("ثلاثة عشر يوما", "13"),
        ("خمسة وعشرون", "25"),
        ("عشرة آلاف", "10000"),
        ("مائة وخمسون", "150"),
        ("ثلاثمائة", "300"),
        ("القرن الخامس عشر", "15"),  # ordinal teen
        ("الحادي عشر", "11"),
        ("في السبعينيات", "1970"),  # decade
        ("مليوني وثلاثة ملايين", "3000000"),
        ("اثنتي عشرة دقيقة", "12"),
    ],
)
def test_source_number_words(text: str, value: str) -> None:
    assert value in {n.value for n in source_number_words(text)}


def test_source_number_words_ignore_other_words() -> None:
    assert source_number_words("ألفت كتابا عن المدينة") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("٣٫٥٪", "3.5%"),
        ("١٬١٠٠", "1,100"),
        ("۱۲۳", "123"),
        ("Already 42.", "Already 42."),
    ],
)
def test_western_digits(text: str, expected: str) -> None:
    assert western_digits(text) == expected
    assert len(western_digits(text)) == len(text)


@pytest.mark.parametrize(
    ("source", "rendering", "kept"),
    [
        ("بلغ ١٬١٠٠ شخص", "1,100", "١٬١٠٠"),
        ("بنسبة ٣٫٥", "3.5", "٣٫٥"),
        ("بنسبة ٪٥", "5%", "٥٪"),
        ("بنسبة ٥ في المائة", "5%", "٥%"),
        ("الساعة 10:30", "10:30", "10:30"),
        ("1.5 مليون دولار", "1.5 million", "1.5 million"),
        ("٣ ملايين", "3 million", "٣ million"),
    ],
)
def test_english_rendering(source: str, rendering: str, kept: str) -> None:
    [number] = source_numbers(source)
    assert english_rendering(number) == rendering
    assert english_rendering(number, keep_digits=True) == kept


@pytest.mark.parametrize(
    ("source", "output", "missing", "extra"),
    [
        ("بلغ عدد الضحايا 1100 شخص", "The death toll reached 1,100.", (), ()),
        ("بلغ عدد الضحايا 1100 شخص", "The death toll reached 1,000.", ("1100",), ("1000",)),
        ("ارتفع بنسبة ٣٫٥٪", "It rose by 3.5 percent.", (), ()),
        ("ارتفع بنسبة ٣٫٥٪", "It rose by 35 percent.", ("3.5",), ("35",)),
        ("1.5 مليون دولار", "1,500,000 dollars", (), ()),
        ("1.5 مليون دولار", "$1.5 million", (), ()),
        ("1.5 مليون دولار", "$1.5", ("1500000",), ("1.5",)),
        ("الساعة 10:30", "at 10:30", (), ()),
        ("الساعة 10:30", "at 10", ("10:30",), ("10",)),
        ("من 10 إلى 15 يوما", "10-15 days", (), ()),
        ("العدد 5 ثم 5", "the number 5", ("5",), ()),  # a multiset, not a set
        # Soft Arabic number words: never missing, but they excuse an output number.
        ("وصل ثلاثة أشخاص", "Three people arrived.", (), ()),
        ("وصل ثلاثة أشخاص", "3 people arrived.", (), ()),
        ("وصل ثلاثة أشخاص", "Four people arrived.", (), ("4",)),
        ("في القرن الخامس عشر", "in the 15th century", (), ()),
        ("في السبعينيات", "in the 1970s", (), ()),
        # The dual carries "two": the word is never extra, the digit is.
        ("سجل هدفين", "He scored two goals.", (), ()),
        ("سجل هدفين", "He scored 2 goals.", (), ("2",)),
        # The other reading of a separator, where it is the one that matches.
        ("تحتل 783،562 كيلومتر مربع", "occupies 783,562 square kilometres", (), ()),
        ("وصل إلى 6,34 بوصات", "reaching 6.34 inches", (), ()),
        ("أكثر من 42.000 مشارك", "more than 42,000 participants", (), ()),
        # Codes match a source number, and are never extra.
        ("يرتبط بمستقبل إيه سي إي 2", "binds to the ACE2 receptor", (), ()),
        ("يرتبط بالمستقبل", "binds to the ACE2 receptor", (), ()),
        ("سارس كوف-2 مليون إصابة", "SARS-CoV-2 passes one million infections", (), ()),
        # Protected spans are not compared, on either side.
        ("انظر https://example.com/2020 الآن", "See https://example.com/2021 now", (), ()),
    ],
)
def test_compare_numbers(
    source: str, output: str, missing: tuple[str, ...], extra: tuple[str, ...]
) -> None:
    check = compare_numbers(source, output)
    assert (check.missing, check.extra) == (missing, extra)
    assert check.ok == (not missing and not extra)


def test_compare_numbers_ignore() -> None:
    source = "الرمز 777 والعدد 5"
    start = source.index("777")
    assert compare_numbers(source, "number 5").missing == ("777",)
    assert compare_numbers(source, "number 5", ignore=[(start, start + 3)]).ok


def test_number_check_ok() -> None:
    assert NumberCheck((), ()).ok
    assert not NumberCheck(("1",), ()).ok
    assert not NumberCheck((), ("1",)).ok


def test_number_is_frozen() -> None:
    number = Number(0, 1, "5", "5")
    with pytest.raises(AttributeError):
        number.value = "6"  # type: ignore[misc]
