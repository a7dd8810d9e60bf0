"""People of the toy-translit corpus: thousands of name pairs built from faker's name lists,
and the held-out people that never occur in training, in either script.

Name sources (read from the installed ``faker`` package, nothing is downloaded):
  - Latin script: en_US, en_GB, it_IT, es_ES; Turkish (tr_TR, az_AZ first names);
  - Cyrillic: ru_RU, uk_UA, bg_BG, romanised by :func:`translit_rules.romanise_cyrillic`;
  - Arabic script: ar_AA, ar_SA, ar_PS and fa_IR, plus Persian surnames the usual way
    (a first name + ی / یان / زاده / پور / نیا / فر: Ahmadi, Karimian, Rezazadeh, Alipour).
A Latin name's Arabic spellings come from :func:`translit_rules.latin_to_arabic`; an
Arabic-script name's English from :func:`translit_rules.arabic_to_latin`.

Every name (first or last, either script) that is a near variant of a held-out surname is
dropped: the same word, one edit away, or containing it (see :func:`is_near_held_out`).
"""

from __future__ import annotations

import importlib
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "toy"))
sys.path.insert(0, str(HERE))

from toy_lexicon import TRAINING_PEOPLE, Person  # noqa: E402
from translit_rules import (  # noqa: E402
    arabic_to_latin,
    fold_latin,
    latin_to_arabic,
    persian_to_arabic_script,
    romanise_cyrillic,
    strip_marks,
)


def _p(first_en: str, first_ar: str, last_en: str, last_ar: str, female: bool = False) -> Person:
    return Person(last_en, tuple(last_ar.split("|")), first_en, tuple(first_ar.split("|")), female)


# The eight held-out people of toy-news and 25 more, with the spellings Arabic news uses.
HELD_OUT_PEOPLE: tuple[Person, ...] = (
    _p("Nikolai", "نيكولاي", "Patrushev", "باتروشيف|باتروشف"),
    _p("Mohammad Reza", "محمد رضا", "Ashtiani", "أشتياني|اشتياني"),
    _p("Sergei", "سيرغي|سيرجي", "Ryabkov", "ريابكوف"),
    _p("Ali Akbar", "علي أكبر", "Ahmadian", "أحمديان|احمديان"),
    _p("Sergei", "سيرغي|سيرجي", "Shoigu", "شويغو|شويجو"),
    _p("Maria", "ماريا", "Zakharova", "زاخاروفا", female=True),
    _p("Rafael", "رافائيل", "Grossi", "غروسي|جروسي"),
    _p("Abbas", "عباس", "Araghchi", "عراقجي|عراقتشي"),
    _p("Vyacheslav", "فياتشيسلاف", "Volodin", "فولودين"),
    _p("Sergei", "سيرغي|سيرجي", "Sobyanin", "سوبيانين"),
    _p("Anton", "أنطون", "Siluanov", "سيلوانوف"),
    _p("Elvira", "إلفيرا", "Nabiullina", "نابيولينا", female=True),
    _p("Denis", "دينيس", "Manturov", "مانتوروف"),
    _p("Yuri", "يوري", "Ushakov", "أوشاكوف|اوشاكوف"),
    _p("Ramzan", "رمضان", "Kadyrov", "قديروف|كاديروف"),
    _p("Alexander", "ألكسندر", "Grushko", "غروشكو|جروشكو"),
    _p("Sergei", "سيرغي|سيرجي", "Vershinin", "فيرشينين"),
    _p("Sergei", "سيرغي|سيرجي", "Kiriyenko", "كيريينكو|كيرينكو"),
    _p("Sergei", "سيرغي|سيرجي", "Surovikin", "سوروفيكين"),
    _p("Dmitry", "دميتري|ديمتري", "Polyanskiy", "بوليانسكي"),
    _p("Shavkat", "شوكت", "Mirziyoyev", "ميرزيوييف|ميرضيائيف"),
    _p("Konstantin", "كونستانتين", "Kosachev", "كوساتشيف"),
    _p("Alexander", "ألكسندر", "Lavrentiev", "لافرينتييف"),
    _p("Mohammad Javad", "محمد جواد", "Zarif", "ظريف"),
    _p("Mohammad", "محمد", "Mokhber", "مخبر"),
    _p("Ahmad", "أحمد", "Vahidi", "وحيدي"),
    _p("Alireza", "علي رضا", "Tangsiri", "تنكسيري|تنغسيري"),
    _p("Amir Ali", "أمير علي", "Hajizadeh", "حاجي زاده|حاجي زادة"),
    _p("Mohammad", "محمد", "Eslami", "إسلامي|اسلامي"),
    _p("Fatemeh", "فاطمة", "Mohajerani", "مهاجراني", female=True),
    _p("Eshaq", "إسحاق", "Jahangiri", "جهانغيري|جهانجيري"),
    _p("Alparslan", "ألب أرسلان", "Bayraktar", "بيرقدار|بيرقدر"),
    _p("Numan", "نعمان", "Kurtulmus", "كورتولموش"),
)

_ARABIC_FOLD: dict[int, str | None] = {
    ord(a): b for a, b in zip("أإآٱةىیکؤئ", "ااااهييكوي", strict=True)
}
_ARABIC_FOLD[ord("ء")] = None


def fold_arabic(text: str) -> str:
    """Hamza forms, ta marbuta, alef maqsura and Persian letters folded; marks removed."""
    return strip_marks(text).translate(_ARABIC_FOLD)


def _compact_latin(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold_latin(text))


def _compact_arabic(text: str) -> str:
    return re.sub(r"\s+", "", fold_arabic(text))


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


@dataclass(frozen=True)
class _HeldOutForms:
    latin: tuple[str, ...]
    arabic: tuple[str, ...]
    latin_deletions: frozenset[str]
    arabic_deletions: frozenset[str]


@lru_cache(maxsize=1)
def _held_out_forms() -> _HeldOutForms:
    latin = tuple(_compact_latin(p.last_en) for p in HELD_OUT_PEOPLE)
    arabic = tuple(_compact_arabic(f) for p in HELD_OUT_PEOPLE for f in p.last_ar)
    return _HeldOutForms(
        latin,
        arabic,
        frozenset(d for w in latin for d in _deletions(w)),
        frozenset(d for w in arabic for d in _deletions(w)),
    )


def _near(word: str, forms: tuple[str, ...], deletions: frozenset[str]) -> bool:
    if len(word) < 3:
        return False
    if _deletions(word) & deletions:
        return True  # the same word or one edit (deletion, insertion, substitution) away
    for form in forms:
        if form in word or (word in form and len(word) >= len(form) - 2):
            return True
    return False


def is_near_held_out(english: str, arabic: tuple[str, ...] = ()) -> bool:
    """Whether a name, in either script, is or nearly is a held-out surname (each word and
    the whole name are checked)."""
    forms = _held_out_forms()
    for part in [english, *english.replace("-", " ").split()]:
        if _near(_compact_latin(part), forms.latin, forms.latin_deletions):
            return True
    for spelling in arabic:
        for part in [spelling, *spelling.split()]:
            if _near(_compact_arabic(part), forms.arabic, forms.arabic_deletions):
                return True
    return False


# --- the name pool ----------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """One name (a surname or a first name) in both scripts; ``arabic[0]`` is the most
    common spelling."""

    english: str
    arabic: tuple[str, ...]
    origin: str  # latin, slavic, turkish, arab or persian
    female: bool = False


def _faker_list(locale: str, attribute: str) -> list[str]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    values = getattr(provider, attribute, ())
    return sorted({str(v).strip() for v in values if str(v).strip()})


def _latin_spellings(sound: str, rng: random.Random, english: bool) -> tuple[str, ...]:
    """Up to three Arabic spellings, the most frequent of eight draws first."""
    counts = Counter(latin_to_arabic(sound, rng, english=english) for _ in range(8))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(text for text, _ in ranked[:3] if text)


def _arabic_spellings(name: str, rng: random.Random, persian: bool) -> tuple[str, ...]:
    base = strip_marks(name).replace("\u200c", " ")
    forms = [persian_to_arabic_script(base, rng) if persian else base]
    if persian:
        forms.append(persian_to_arabic_script(base, rng))
    # Articles write an initial hamza or leave it out.
    bare = re.sub(r"(^|\s)[أإ]", r"\1ا", forms[0])
    forms.append(bare)
    seen: list[str] = []
    for form in forms:
        if form not in seen:
            seen.append(form)
    return tuple(seen)


# How Turkish and Azerbaijani letters sound (c is j, x is kh): the Arabic follows the sound.
_TURKISH_SOUND = str.maketrans(
    {"ş": "sh", "ç": "ch", "c": "j", "x": "kh", "ğ": "g", "ı": "i", "ö": "o", "ü": "u", "ə": "a"}
)


def _usable_latin(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-zÀ-ÿıİşŞçÇğĞəƏöÖüÜ' -]+", name)) and len(name) >= 3


def _usable_arabic(name: str) -> bool:
    return bool(re.fullmatch(r"[\u0600-\u06FF\u200c ]+", name)) and len(name.split()) <= 2


_FIRST_INDEX: dict[int, dict[tuple[tuple[str, ...], bool], tuple[Name, ...]]] = {}


@dataclass(frozen=True)
class NamePool:
    surnames: dict[str, tuple[Name, ...]]  # by origin
    first_names: dict[str, tuple[Name, ...]]  # by origin
    dropped_near_held_out: int

    def first_names_of(self, origins: tuple[str, ...], female: bool) -> tuple[Name, ...]:
        """First names of these origins and this gender (all of them if there are none)."""
        key = (origins, female)
        if key not in _FIRST_INDEX.setdefault(id(self), {}):
            chosen = [n for o in origins for n in self.first_names.get(o, ()) if n.female == female]
            if not chosen:
                chosen = [n for o in origins for n in self.first_names.get(o, ())]
            _FIRST_INDEX[id(self)][key] = tuple(chosen)
        return _FIRST_INDEX[id(self)][key]

    def all_names(self) -> list[Name]:
        return [n for group in (self.surnames, self.first_names) for v in group.values() for n in v]


PERSIAN_SUFFIXES = ("ی", "یان", " زاده", " پور", "نیا", "فر")


def build_pool(seed: int) -> NamePool:
    """All name pairs, deterministic for a seed and the installed faker version."""
    rng = random.Random(f"toy-translit-{seed}-pool")
    surnames: dict[str, list[Name]] = {}
    firsts: dict[str, list[Name]] = {}
    dropped = 0

    def add(target: dict[str, list[Name]], name: Name) -> None:
        nonlocal dropped
        if is_near_held_out(name.english, name.arabic):
            dropped += 1
            return
        target.setdefault(name.origin, []).append(name)

    def latin(target: dict[str, list[Name]], names: list[str], female: bool = False) -> None:
        for n in names:
            if _usable_latin(n):
                english = fold_latin(n).title().replace("'", "")
                add(target, Name(english, _latin_spellings(n, rng, True), "latin", female))

    for loc in ("en_US", "en_GB", "it_IT", "es_ES"):
        latin(surnames, _faker_list(loc, "last_names"))
    for loc in ("en_US", "en_GB"):
        latin(firsts, _faker_list(loc, "first_names_male"))
        latin(firsts, _faker_list(loc, "first_names_female"), female=True)

    for loc, lang in (("ru_RU", "ru"), ("uk_UA", "uk"), ("bg_BG", "bg")):
        for attr, target in (
            ("last_names_male", surnames),
            ("last_names_female", surnames),
            ("first_names_male", firsts),
            ("first_names_female", firsts),
        ):
            for n in _faker_list(loc, attr):
                if not re.fullmatch(r"[\u0400-\u04FF'’ʼ]+", n):
                    continue
                english = romanise_cyrillic(n, lang)
                spellings = _latin_spellings(english, rng, False)
                add(target, Name(english, spellings, "slavic", attr.endswith("female")))

    for loc, attr, target in (
        ("tr_TR", "last_names", surnames),
        ("az_AZ", "last_names", surnames),
        ("tr_TR", "first_names_male", firsts),
        ("tr_TR", "first_names_female", firsts),
    ):
        for n in _faker_list(loc, attr):
            if _usable_latin(n) and " " not in n:
                sound = n.lower().translate(_TURKISH_SOUND)
                english = fold_latin(n).title()
                female = attr.endswith("female")
                add(target, Name(english, _latin_spellings(sound, rng, False), "turkish", female))

    def arabic_script(
        target: dict[str, list[Name]], names: list[str], origin: str, fem: bool
    ) -> None:
        persian = origin == "persian"
        for n in names:
            if _usable_arabic(n):
                spellings = _arabic_spellings(n, rng, persian)
                english = arabic_to_latin(n, rng, "fa" if persian else "ar")
                add(target, Name(english, spellings, origin, fem))

    arab_last = sorted(
        {n for loc in ("ar_AA", "ar_SA", "ar_PS") for n in _faker_list(loc, "last_names")}
    )
    arabic_script(surnames, arab_last, "arab", False)
    arabic_script(firsts, _faker_list("ar_AA", "first_names_male"), "arab", False)
    arabic_script(firsts, _faker_list("ar_AA", "first_names_female"), "arab", True)
    arabic_script(surnames, _faker_list("fa_IR", "last_names"), "persian", False)
    arabic_script(firsts, _faker_list("fa_IR", "first_names_male"), "persian", False)
    arabic_script(firsts, _faker_list("fa_IR", "first_names_female"), "persian", True)
    # Persian surnames made the usual way from a (male) first name.
    stems = [
        n
        for n in _faker_list("fa_IR", "first_names_male") + _faker_list("ar_AA", "first_names_male")
        if " " not in n and _usable_arabic(n) and len(n) >= 3 and n[-1] not in "ىةه"
    ]
    made = sorted({stem + rng.choice(PERSIAN_SUFFIXES) for stem in stems})
    arabic_script(surnames, made, "persian", False)

    def unique(groups: dict[str, list[Name]]) -> dict[str, tuple[Name, ...]]:
        out: dict[str, tuple[Name, ...]] = {}
        for origin, names in sorted(groups.items()):
            by_english: dict[str, Name] = {}
            for name in names:
                by_english.setdefault(name.english, name)
            out[origin] = tuple(by_english[k] for k in sorted(by_english))
        return out

    return NamePool(unique(surnames), unique(firsts), dropped)


KNOWN_PEOPLE: tuple[Person, ...] = TRAINING_PEOPLE
