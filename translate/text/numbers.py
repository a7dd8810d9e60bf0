"""Numbers in an Arabic source sentence and its English translation, compared by value.

A translation that turns 1,100 into 1,000 or drops "3.5%" reads fluently and is wrong,
and no overlap metric notices. No library compares them: Arabic mixes Western,
Arabic-Indic ٠-٩ and Persian ۰-۹ digits, ٫ ٬ and "." ",", ٪ before or after the digits,
scale words (1.5 مليون); English writes "1,100", "5 per cent", "twenty-five", "1.5
million". Both sides become canonical values (Western digits, no grouping, "." decimal,
no trailing zeros: "1100", "3.5", "1500000", "10:30"), compared as multisets.

Choices, each checked against the published reference translations
(``benchmarks/flag_calibration.py`` lists what still differs):

* The percent sign is surface, not value: "5%", "5 percent" and "5" all match.
* "-" is never a minus sign ("COVID-19" is common, negative numbers rare): "10-15" is
  two numbers. A time "10:30" is one value; a ratio "1:1000" is two numbers.
* "," groups digits only in threes ("1,100"; "1,2" is two numbers), the Arabic comma ،
  never; one "." is a decimal point, "1.000.000" thousands. Where the other reading
  matches the other side ("783،562" and "783,562", "6,34" and "6.34", "42.000" and
  "42000"), it is taken. Years are integers; "21st" is 21; ordinal words are no numbers.
* Digits glued to a Latin letter, or to a letter and a hyphen (R0, ACE2, SARS-CoV-2),
  and Roman numerals II-X are codes: they match a source number but are never extra,
  as the Arabic often spells the code out (إيه سي إي 2) or leaves it out.
* Arabic number words, ordinals and decades (ثلاثة, خمسة وعشرون, الخامس عشر,
  السبعينيات) are soft: never required, but an output number equal to one is not
  extra. The table (:data:`ARABIC_NUMBER_WORDS`) is generous: forms that are also
  ordinary words (ست "lady") only ever excuse an output number.
* The English words zero, one and two are never extra: Arabic says them with the
  singular or dual of the noun (ساعتين "two hours", لا أحد "no one").
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from translate.text.protect import find_protected

# Both digit sets, then ٫ ٬ ٪ (the Arabic decimal and thousands separators, percent).
_TO_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹\u066b\u066c\u066a", "0123456789" * 2 + ".,%")
_D = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_CORE = (
    f"(?<![0-9\u0660-\u0669\u06f0-\u06f9])(?P<code>(?<=[A-Za-z])|(?<=[A-Za-z]-))?(?:"
    f"(?P<time>{_D}{{1,2}}:{_D}{{2}}(?!{_D}|:{_D}))"
    f"|(?P<dots>{_D}{{1,3}}(?:\\.{_D}{{3}}){{2,}}(?!{_D}|\\.{_D}))"
    f"|(?P<num>(?:{_D}{{1,3}}(?:[,\u066c]{_D}{{3}})+(?!{_D}|[,\u066c]{_D})|{_D}+)"
    f"(?:[.\u066b]{_D}+)?))"
)
_CORE_RE = re.compile(_CORE)

_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
# Scale words after digits, with the English word they render as. They must end the
# word (ألفت "I wrote" is no thousand); tanwin may follow (مليونًا).
_ARABIC_SCALES: dict[str, str] = {
    **dict.fromkeys(("ألف", "الف", "آلاف", "الاف", "ألفا", "الفا"), "thousand"),
    **dict.fromkeys(("مليون", "ملايين", "مليونا"), "million"),
    **dict.fromkeys(("مليار", "مليارات", "مليارا", "بليون", "بلايين"), "billion"),
}
_AR_LETTER = "\u0621-\u064a\u0671-\u06d3"
_AR_MARKS = "\u064b-\u0652"
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})


def _fold(word: str) -> str:
    return re.sub(f"[{_AR_MARKS}]", "", word).translate(_FOLD)


_SOURCE_RE = re.compile(
    f"(?:(?P<pre>[%\u066a]) ?)?{_CORE}"
    f"(?:[ \u00a0]?-?[ \u00a0]?(?P<scale>{'|'.join(sorted(_ARABIC_SCALES, key=len)[::-1])})"
    f"[{_AR_MARKS}]*(?![{_AR_LETTER}]))?"
    f"(?P<post>[ \u00a0]?[%\u066a]|[ \u00a0](?:في |بال)(?:ال)?(?:مائة|مئة|مية)(?![{_AR_LETTER}]))?"
)
_OUTPUT_RE = re.compile(
    f"{_CORE}"
    r"(?:\+?[ \u00a0-](?P<scale>thousand|million|billion)\b)?"
    r"(?P<post>[ \u00a0]?%|[ \u00a0](?:percent|per cent)\b)?",
    re.IGNORECASE,
)

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen"
_TEENS = "fourteen fifteen sixteen seventeen eighteen nineteen"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
ENGLISH_NUMBER_WORDS: dict[str, int] = {
    **{word: value for value, word in enumerate(f"{_UNITS} {_TEENS}".split())},
    **{word: 20 + 10 * i for i, word in enumerate(_TENS.split())},
    **{"dozen": 12, "hundred": 100, **_SCALES},
}
_MULTIPLIERS = ("dozen", "hundred", *_SCALES)
_VAGUE = frozenset({"0", "1", "2"})
_WORD_RE = re.compile(
    rf"\b(?:(?P<a>a) (?=(?:hundred|thousand|million|billion)\b))?"
    rf"(?P<word>{'|'.join(ENGLISH_NUMBER_WORDS)})\b",
    re.IGNORECASE,
)
# Roman numerals II-X ("type II", "Phase III"); a lone I, V or X is too often a letter.
_ROMAN = {"II": 2, "III": 3, "IV": 4, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}
_ROMAN_RE = re.compile(rf"\b(?:{'|'.join(_ROMAN)})\b")
# Between two words of one number: "twenty-five", "two hundred and fifty".
_WORD_JOINER_RE = re.compile(r"[ \u00a0]|-|[ \u00a0]and[ \u00a0]", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A number in a text: ``text[start:end] == surface``, ``value`` canonical.

    ``percent`` and ``scale`` ("thousand", "million", "billion" or "") record how it
    was written, for :func:`english_rendering`; ``words`` marks number words, ``code``
    digits glued to a Latin letter (R0, ACE2); ``alternatives`` are other values the
    same text can be read as ("42.000" as 42000, "2 مليون" after a code as 2).
    """

    start: int
    end: int
    surface: str
    value: str
    percent: bool = False
    scale: str = ""
    words: bool = False
    code: bool = False
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class NumberCheck:
    """Values (multiset differences, each in its own text's order) of source numbers
    the output lacks and of output numbers the source lacks."""

    missing: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra


def western_digits(text: str) -> str:
    """``text`` with Arabic-Indic and Persian digits and ٫ ٬ ٪ as 0-9 . , %; one
    character for one, so offsets into the result are offsets into ``text``."""
    return text.translate(_TO_WESTERN)


def canonical(number: str, multiplier: int = 1) -> str:
    """The value of one number in any digits (``"١٬١٠٠"`` -> ``"1100"``, ``"09:30"``
    -> ``"9:30"``, ``"3.50"`` -> ``"3.5"``), as found by the number patterns."""
    western = western_digits(number)
    if re.fullmatch(r"\d{1,2}:\d{2}", western):
        hours, minutes = western.split(":")
        return f"{int(hours)}:{minutes}"
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", western):
        western = western.replace(".", "")
    text = format((Decimal(western.replace(",", "")) * multiplier).normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def _number(text: str, match: re.Match[str], scale: str, percent: bool) -> Number:
    core = match.group("time") or match.group("dots") or match.group("num")
    start, end = match.span()
    multiplier, code = _SCALES.get(scale, 1), match.group("code") is not None
    # "كوف-2 مليون إصابة" is a code and a million, not two million.
    other = [canonical(core)] if scale and text[start - 1 : start] == "-" else []
    if re.fullmatch(r"\d{1,3}\.\d{3}", western_digits(core)):
        other.append(canonical(core.replace(".", ""), multiplier))
    value = canonical(core, multiplier)
    return Number(start, end, text[start:end], value, percent, scale, False, code, tuple(other))


def source_numbers(text: str, ignore: Sequence[tuple[int, int]] = ()) -> list[Number]:
    """Numbers written in digits in an Arabic ``text``, in order, except those that
    overlap a span of ``ignore`` (protected URLs, e-mails, handles, hashtags)."""
    return [
        _number(text, m, _ARABIC_SCALES.get(m["scale"] or "", ""), bool(m["pre"] or m["post"]))
        for m in _SOURCE_RE.finditer(text)
        if not _overlaps(*m.span(), ignore)
    ]


def output_numbers(text: str) -> list[Number]:
    """Numbers in an English ``text``: digits in any script, "5%" and "5 percent",
    "1.5 million", and number words ("twenty-five", "two hundred and fifty")."""
    western = western_digits(text)
    found = [
        _number(text, m, (m.group("scale") or "").lower(), bool(m.group("post")))
        for m in _OUTPUT_RE.finditer(western)
    ]
    taken = [(n.start, n.end) for n in found]
    words = [m for m in _WORD_RE.finditer(text) if not _overlaps(*m.span(), taken)]
    found += _word_numbers(text, words)
    found += (
        Number(*m.span(), m[0], str(_ROMAN[m[0]]), code=True) for m in _ROMAN_RE.finditer(text)
    )
    return sorted(found, key=lambda n: n.start)


def _word_numbers(text: str, words: list[re.Match[str]]) -> Iterator[Number]:
    """Runs of number words, one number while the words compose ("three hundred
    thousand"), a new one where they stop ("one two"). A multiplier on its own
    ("several hundred") is no number; "a hundred" is."""
    index = 0
    while index < len(words):
        first = words[index]
        if first.group("word").lower() in _MULTIPLIERS and not first.group("a"):
            index += 1
            continue
        total, current, end = 0, 0, first.start()
        while index < len(words):
            match = words[index]
            joiner = text[end : match.start()]
            if match is not first and (match.group("a") or not _WORD_JOINER_RE.fullmatch(joiner)):
                break
            value = ENGLISH_NUMBER_WORDS[match.group("word").lower()]
            if match.group("word").lower() in ("dozen", "hundred"):
                current = max(current, 1) * value
            elif value >= 1000:
                total, current = total + max(current, 1) * value, 0
            elif current % 100 == 0 or (current % 100 >= 20 and current % 10 == 0 and value < 10):
                current += value
            else:
                break
            end = match.end()
            index += 1
        start = first.start()
        yield Number(start, end, text[start:end], str(total + current), words=True)


# Soft Arabic number words, cardinal and ordinal, folded (أ إ آ ٱ -> ا, ة -> ه,
# ى -> ي) after a clitic is stripped. Teens are a unit and عشر/عشرة (ثلاثة عشر,
# الخامس عشر), compounds a unit, و and a ten (خمسة وعشرون).
_ARABIC_WORD_TABLE = """
0 صفر
1 واحد واحده احد احدي حادي اول اولي
2 اثنان اثنين اثنتان اثنتين اثنا اثنتا اثني اثنتي ثاني ثانيه
3 ثلاث ثلاثه ثالث ثالثه
4 اربع اربعه رابع رابعه
5 خمس خمسه خامس خامسه
6 ست سته سادس سادسه
7 سبع سبعه سابع سابعه
8 ثمان ثماني ثمانيه ثامن ثامنه
9 تسع تسعه تاسع تاسعه
10 عشر عشره عاشر عاشره
100 مائه مئه ماءه
200 مائتان مائتين مئتان مئتين
1000 الف الفا
2000 الفان الفين
1000000 مليون مليونا
2000000 مليونان مليونين مليوني
1000000000 مليار مليارا
"""
_TEN_STEMS = ("عشر", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع")
ARABIC_NUMBER_WORDS: dict[str, int] = {
    **{
        form: int(line.split()[0])
        for line in _ARABIC_WORD_TABLE.strip().splitlines()
        for form in line.split()[1:]
    },
    **{stem + ending: 20 + 10 * i for i, stem in enumerate(_TEN_STEMS) for ending in ("ون", "ين")},
}
_HUNDREDS_RE = re.compile("(ثلاث|اربع|خمس|ست|سبع|ثمان|تسع)(?:مائه|مئه)")
# Decades: السبعينيات / السبعينات "the seventies" (of any century the text may mean).
_DECADE_RE = re.compile(f"({'|'.join(_TEN_STEMS)})(?:ين)?(?:يات|ات)")
_ARABIC_SCALE_WORDS = {_fold(form): _SCALES[name] for form, name in _ARABIC_SCALES.items()}
_CLITICS = ("", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
_AR_WORD_RE = re.compile(f"[{_AR_LETTER}{_AR_MARKS}]+")


def _arabic_word_values(folded: str) -> tuple[list[int], bool]:
    """The values one folded Arabic word may stand for (a decade stands for several),
    and whether it was joined by و; no values if it is no number word."""
    for clitic in _CLITICS:
        stem = folded[len(clitic) :] if folded.startswith(clitic) else ""
        with_and = clitic.startswith("و")
        if stem in ARABIC_NUMBER_WORDS:
            return [ARABIC_NUMBER_WORDS[stem]], with_and
        if hundreds := _HUNDREDS_RE.fullmatch(stem):
            return [ARABIC_NUMBER_WORDS[hundreds.group(1)] * 100], with_and
        if decade := _DECADE_RE.fullmatch(stem):
            tens = 20 + 10 * _TEN_STEMS.index(decade.group(1))
            return [tens, *(century + tens for century in (1800, 1900, 2000))], False
    return [], False


def source_number_words(text: str, ignore: Sequence[tuple[int, int]] = ()) -> list[Number]:
    """Arabic number words in ``text`` (soft numbers): each word with its own value
    and, where words compose (ثلاثة عشر, خمسة وعشرون, عشرة آلاف), the whole too."""
    found: list[Number] = []
    last: list[tuple[int, int]] = []  # (start, value) of the number just before
    last_end = 0
    for match in _AR_WORD_RE.finditer(text):
        start, end = match.span()
        folded = _fold(match.group())
        values, with_and = _arabic_word_values(folded)
        if _overlaps(start, end, ignore):
            values = []
        if text[last_end:start].strip():
            last = []
        current: list[tuple[int, int]] = []
        if last and folded in _ARABIC_SCALE_WORDS and values != [0]:
            # "مليوني وثلاثة ملايين": the scale applies to the whole and to its last word.
            current = [(s, v * _ARABIC_SCALE_WORDS[folded]) for s, v in last]
        elif len(values) == 1:
            current = [(start, values[0])]
            if last and _composes(last[0][1], values[0], with_and, folded):
                current.insert(0, (last[0][0], last[0][1] + values[0]))
        else:
            found.extend(Number(start, end, text[start:end], str(v), words=True) for v in values)
        found.extend(Number(s, end, text[s:end], str(v), words=True) for s, v in current)
        last, last_end = current, end
    return found


def _composes(before: int, value: int, with_and: bool, folded: str) -> bool:
    """Whether ``value`` adds to the number before it: a teen (ثلاثة عشر), a ten after
    a unit (خمسة وعشرون), something smaller after hundreds (مائة وخمسون)."""
    if folded in ("عشر", "عشره"):
        return 1 <= before <= 9
    if not with_and:
        return False
    if before < 10:
        return value in range(20, 100, 10)
    return before % 100 == 0 and value < 10 ** (len(str(before)) - 1)


def english_rendering(number: Number, keep_digits: bool = False) -> str:
    """How a source number is written in English: Western digits keeping its grouping
    and decimals ("١٬١٠٠" -> "1,100", "٣٫٥" -> "3.5"), a percent sign after the
    digits ("٪٥" -> "5%"), the scale in English ("1.5 مليون" -> "1.5 million").
    ``keep_digits`` keeps the source's own digits and separators ("١٬١٠٠", "٥٪")."""
    core = _CORE_RE.search(number.surface)
    digits = core.group() if core else number.surface
    text = digits if keep_digits else western_digits(digits)
    if number.scale:
        text += f" {number.scale}"
    if number.percent:
        text += "\u066a" if keep_digits and "\u066a" in number.surface else "%"
    return text


def compare_numbers(
    source: str, output: str, ignore: Sequence[tuple[int, int]] = ()
) -> NumberCheck:
    """Source numbers the output lacks and output numbers the source lacks, by value.

    Numbers in protected spans (:func:`translate.text.protect.find_protected`, on both
    sides) and in ``ignore`` (source offsets) are not compared.
    """
    skip = [*ignore, *((s.start, s.end) for s in find_protected(source))]
    out_skip = [(s.start, s.end) for s in find_protected(output)]
    hard = source_numbers(source, skip)
    produced = [n for n in output_numbers(output) if not _overlaps(n.start, n.end, out_skip)]
    missing, extra = _difference(hard, produced), _difference(produced, hard)
    for side, other, text in ((missing, extra, source), (extra, missing, output)):
        for reading, parts in _other_readings(text, side):
            counterpart = next((n for n in other if n.value == reading), None)
            if counterpart and all(part in side for part in parts):
                other.remove(counterpart)
                for part in parts:
                    side.remove(part)
    if extra:  # the number words of the source only ever excuse an extra number
        soft = {n.value for n in source_number_words(source, skip)}
        extra = [
            n for n in extra if not (n.value in soft or n.code or (n.words and n.value in _VAGUE))
        ]
    return NumberCheck(tuple(n.value for n in missing), tuple(n.value for n in extra))


def _difference(wanted: Sequence[Number], found: Sequence[Number]) -> list[Number]:
    pool = Counter(n.value for n in found)
    left = []
    # Digits are matched before words and codes, so an unmatched one is a word or code
    # (never extra) where either reading would do: "any one item ... (1)".
    for number in sorted(wanted, key=lambda n: n.words or n.code):
        pool[number.value] -= 1
        if pool[number.value] < 0:
            left.append(number)
    return sorted(left, key=lambda n: n.start)


def _other_readings(text: str, unmatched: list[Number]) -> list[tuple[str, list[Number]]]:
    """Other values of unmatched numbers: their own alternatives, and two numbers
    joined by a comma with no space read as one ("783،562", "6,34")."""
    readings = [(alt, [n]) for n in unmatched for alt in n.alternatives]
    for first, second in itertools.pairwise(unmatched):
        if text[first.end : second.start] in (",", "،") and not (first.percent or first.scale):
            head = _CORE_RE.search(western_digits(first.surface))
            tail = _CORE_RE.search(western_digits(second.surface))
            if head and tail and re.fullmatch(r"\d+", head.group() + tail.group()):
                joiner = "" if len(tail.group()) == 3 else "."
                joined = head.group() + joiner + tail.group()
                readings.append((canonical(joined, _SCALES.get(second.scale, 1)), [first, second]))
    return readings
