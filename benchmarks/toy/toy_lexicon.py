"""The closed world of the toy news corpus: people, roles, countries, places and agencies.

Everything here was written for this project. Arabic spellings of foreign names follow
common press usage, with the variants real articles mix (ج/غ for "g", long vowels written
or left out, hamza on the initial alef or not). The first spelling of each list is the most
frequent one and is drawn most often.

People are split into TRAINING people and HELD-OUT people. The held-out surnames never occur
in the training or dev data, in either script, so a model trained on them meets those names
for the first time in the test set (as a real model meets rare names).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    """A person of the toy world. ``first_*`` is empty for names always written in full."""

    last_en: str
    last_ar: tuple[str, ...]
    first_en: str = ""
    first_ar: tuple[str, ...] = ()
    female: bool = False


@dataclass(frozen=True)
class Country:
    name_en: str
    adj_en: str
    name_ar: str
    adj_ar_m: str
    adj_ar_f: str
    # Arabic treats most country names as feminine, a few (العراق، الأردن، لبنان) as masculine.
    masculine: bool = False


def _p(first_en: str, first_ar: str, last_en: str, last_ar: str, female: bool = False) -> Person:
    firsts = tuple(first_ar.split("|")) if first_ar else ()
    return Person(last_en, tuple(last_ar.split("|")), first_en, firsts, female)


TRAINING_PEOPLE: tuple[Person, ...] = (
    _p("Sergei", "سيرغي|سيرجي", "Lavrov", "لافروف"),
    _p("Vladimir", "فلاديمير", "Putin", "بوتين"),
    _p("Dmitry", "دميتري|ديمتري", "Peskov", "بيسكوف|بسكوف"),
    _p("Dmitry", "دميتري|ديمتري", "Medvedev", "ميدفيديف|مدفيديف"),
    _p("Mikhail", "ميخائيل", "Mishustin", "ميشوستين"),
    _p("Andrei", "أندريه", "Belousov", "بيلوسوف"),
    _p("Vassily", "فاسيلي", "Nebenzia", "نيبينزيا"),
    _p("Valery", "فاليري", "Gerasimov", "غيراسيموف|جيراسيموف"),
    _p("Sergei", "سيرغي|سيرجي", "Naryshkin", "ناريشكين"),
    _p("Alexander", "ألكسندر", "Bortnikov", "بورتنيكوف"),
    _p("Andrei", "أندريه", "Rudenko", "رودينكو|رودنكو"),
    _p("Mikhail", "ميخائيل", "Galuzin", "غالوزين|جالوزين"),
    _p("Mikhail", "ميخائيل", "Ulyanov", "أوليانوف|اوليانوف"),
    _p("Nikolai", "نيكولاي", "Yevmenov", "يفمينوف"),
    _p("Valentina", "فالنتينا", "Matviyenko", "ماتفيينكو", female=True),
    _p("Alexander", "ألكسندر", "Lukashenko", "لوكاشينكو|لوكاشنكو"),
    _p("Masoud", "مسعود", "Pezeshkian", "بزشكيان"),
    _p("Ali", "علي", "Larijani", "لاريجاني"),
    _p("Mohammad Bagher", "محمد باقر", "Qalibaf", "قاليباف|غاليباف"),
    _p("Nasser", "ناصر", "Kanaani", "كنعاني"),
    _p("Esmaeil", "إسماعيل", "Baghaei", "بقائي"),
    _p("Ali Akbar", "علي أكبر", "Velayati", "ولايتي"),
    _p("Saeed", "سعيد", "Jalili", "جليلي"),
    _p("Mohsen", "محسن", "Rezaei", "رضائي"),
    _p("Ali", "علي", "Shamkhani", "شمخاني"),
    _p("Mohammad Reza", "محمد رضا", "Aref", "عارف"),
    _p("Kazem", "كاظم", "Gharibabadi", "غريب آبادي|غريب ابادي"),
    _p("Recep Tayyip", "رجب طيب", "Erdogan", "أردوغان|اردوغان"),
    _p("Hakan", "هاكان", "Fidan", "فيدان"),
    _p("Kassym-Jomart", "قاسم جومارت", "Tokayev", "توكاييف|توكايف"),
    _p("Narendra", "ناريندرا", "Modi", "مودي"),
    _p("Emmanuel", "إيمانويل|ايمانويل", "Macron", "ماكرون"),
    _p("Olaf", "أولاف", "Scholz", "شولتس"),
    _p("Annalena", "أنالينا", "Baerbock", "بيربوك", female=True),
    _p("Antonio", "أنطونيو", "Guterres", "غوتيريش|جوتيريش"),
    _p("Josep", "جوزيب", "Borrell", "بوريل"),
    _p("Fuad", "فؤاد", "Hussein", "حسين"),
    _p("Najib", "نجيب", "Mikati", "ميقاتي"),
    _p("Abdelmadjid", "عبد المجيد", "Tebboune", "تبون"),
    _p("Ahmed", "أحمد", "Attaf", "عطاف"),
    _p("Antony", "أنتوني", "Blinken", "بلينكن"),
    _p("Marco", "ماركو", "Rubio", "روبيو"),
    _p("Steve", "ستيف", "Witkoff", "ويتكوف"),
    _p("Nikol", "نيكول", "Pashinyan", "باشينيان"),
    _p("Ilham", "إلهام", "Aliyev", "علييف"),
    _p("Sameh", "سامح", "Shoukry", "شكري"),
    _p("", "", "Wang Yi", "وانغ يي|وانج يي"),
    _p("", "", "Mao Ning", "ماو نينغ", female=True),
    _p("", "", "Lin Jian", "لين جيان"),
)

HELD_OUT_PEOPLE: tuple[Person, ...] = (
    _p("Nikolai", "نيكولاي", "Patrushev", "باتروشيف|باتروشف"),
    _p("Mohammad Reza", "محمد رضا", "Ashtiani", "أشتياني|اشتياني"),
    _p("Sergei", "سيرغي|سيرجي", "Ryabkov", "ريابكوف"),
    _p("Ali Akbar", "علي أكبر", "Ahmadian", "أحمديان|احمديان"),
    _p("Sergei", "سيرغي|سيرجي", "Shoigu", "شويغو|شويجو"),
    _p("Maria", "ماريا", "Zakharova", "زاخاروفا", female=True),
    _p("Rafael", "رافائيل", "Grossi", "غروسي|جروسي"),
    _p("Abbas", "عباس", "Araghchi", "عراقجي|عراقتشي"),
)

COUNTRIES: tuple[Country, ...] = (
    Country("Russia", "Russian", "روسيا", "الروسي", "الروسية"),
    Country("Iran", "Iranian", "إيران", "الإيراني", "الإيرانية"),
    Country("China", "Chinese", "الصين", "الصيني", "الصينية"),
    Country("Turkey", "Turkish", "تركيا", "التركي", "التركية"),
    Country("Egypt", "Egyptian", "مصر", "المصري", "المصرية"),
    Country("Saudi Arabia", "Saudi", "السعودية", "السعودي", "السعودية"),
    Country("Qatar", "Qatari", "قطر", "القطري", "القطرية"),
    Country("Iraq", "Iraqi", "العراق", "العراقي", "العراقية", masculine=True),
    Country("Syria", "Syrian", "سوريا", "السوري", "السورية"),
    Country("Jordan", "Jordanian", "الأردن", "الأردني", "الأردنية", masculine=True),
    Country("Lebanon", "Lebanese", "لبنان", "اللبناني", "اللبنانية", masculine=True),
    Country("India", "Indian", "الهند", "الهندي", "الهندية"),
    Country("Kazakhstan", "Kazakh", "كازاخستان", "الكازاخستاني", "الكازاخستانية"),
    Country("France", "French", "فرنسا", "الفرنسي", "الفرنسية"),
    Country("Germany", "German", "ألمانيا", "الألماني", "الألمانية"),
    Country("Oman", "Omani", "سلطنة عمان", "العماني", "العمانية"),
    Country("Algeria", "Algerian", "الجزائر", "الجزائري", "الجزائرية"),
    Country("Pakistan", "Pakistani", "باكستان", "الباكستاني", "الباكستانية"),
    Country("Armenia", "Armenian", "أرمينيا", "الأرميني", "الأرمينية"),
    Country("Belarus", "Belarusian", "بيلاروسيا", "البيلاروسي", "البيلاروسية"),
)

# (English, Arabic forms)
CITIES: tuple[tuple[str, str], ...] = (
    ("Moscow", "موسكو"),
    ("Tehran", "طهران"),
    ("Beijing", "بكين"),
    ("Ankara", "أنقرة"),
    ("Istanbul", "إسطنبول|اسطنبول"),
    ("Cairo", "القاهرة"),
    ("Riyadh", "الرياض"),
    ("Doha", "الدوحة"),
    ("Baghdad", "بغداد"),
    ("Damascus", "دمشق"),
    ("Amman", "عمان"),
    ("Beirut", "بيروت"),
    ("Astana", "أستانا|استانا"),
    ("St. Petersburg", "سان بطرسبرج|سانت بطرسبرغ"),
    ("Geneva", "جنيف"),
    ("Vienna", "فيينا"),
    ("Paris", "باريس"),
    ("Berlin", "برلين"),
    ("Muscat", "مسقط"),
    ("Islamabad", "إسلام آباد"),
    ("New Delhi", "نيودلهي"),
    ("Minsk", "مينسك"),
    ("Yerevan", "يريفان"),
    ("Abu Dhabi", "أبوظبي|أبو ظبي"),
)

WEEKDAYS: tuple[tuple[str, str], ...] = (
    ("Monday", "الاثنين"),
    ("Tuesday", "الثلاثاء"),
    ("Wednesday", "الأربعاء"),
    ("Thursday", "الخميس"),
    ("Friday", "الجمعة"),
    ("Saturday", "السبت"),
    ("Sunday", "الأحد"),
)

MONTHS: tuple[tuple[str, str], ...] = (
    ("January", "يناير"),
    ("February", "فبراير"),
    ("March", "مارس"),
    ("April", "أبريل|ابريل"),
    ("May", "مايو"),
    ("June", "يونيو"),
    ("July", "يوليو"),
    ("August", "أغسطس"),
    ("September", "سبتمبر"),
    ("October", "أكتوبر"),
    ("November", "نوفمبر"),
    ("December", "ديسمبر"),
)

# (English, Arabic) — the Arabic starts with the noun a proclitic ل can attach to.
AGENCIES: tuple[tuple[str, str], ...] = (
    ("TASS", "وكالة تاس"),
    ("RIA Novosti", "وكالة ريا نوفوستي"),
    ("IRNA", "وكالة إرنا"),
    ("Mehr News Agency", "وكالة مهر للأنباء"),
    ("Fars News Agency", "وكالة فارس للأنباء"),
    ("Xinhua", "وكالة شينخوا"),
    ("Anadolu Agency", "وكالة الأناضول"),
    ("Reuters", "وكالة رويترز"),
    ("Press TV", "قناة برس تي في"),
    ("Al-Monitor", "موقع المونيتور"),
)

# (English, Arabic as it follows قمة)
ORGANISATIONS: tuple[tuple[str, str], ...] = (
    ("Shanghai Cooperation Organization", "منظمة شنغهاي للتعاون"),
    ("BRICS", "بريكس|البريكس"),
    ("G20", "مجموعة العشرين"),
    ("Arab League", "جامعة الدول العربية"),
    ("OPEC", "أوبك"),
    ("African Union", "الاتحاد الأفريقي"),
)

# Role: (English with {adj}, Arabic masculine with {m}/{f}, Arabic feminine, English for a woman).
# {m}/{f} are the masculine/feminine Arabic nationality adjectives.
ROLES: tuple[tuple[str, str, str, str], ...] = (
    ("{adj} Foreign Minister", "وزير الخارجية {m}", "وزيرة الخارجية {f}", ""),
    ("{adj} Defense Minister", "وزير الدفاع {m}", "وزيرة الدفاع {f}", ""),
    ("{adj} Interior Minister", "وزير الداخلية {m}", "وزيرة الداخلية {f}", ""),
    ("{adj} Energy Minister", "وزير الطاقة {m}", "وزيرة الطاقة {f}", ""),
    ("{adj} Deputy Foreign Minister", "نائب وزير الخارجية {m}", "نائبة وزير الخارجية {m}", ""),
    ("Secretary of the {adj} Security Council", "أمين مجلس الأمن {m}", "أمينة مجلس الأمن {m}", ""),
    ("{adj} President", "الرئيس {m}", "الرئيسة {f}", ""),
    ("{adj} Prime Minister", "رئيس الوزراء {m}", "رئيسة الوزراء {f}", ""),
    (
        "{adj} Foreign Ministry spokesman",
        "المتحدث باسم وزارة الخارجية {f}",
        "المتحدثة باسم وزارة الخارجية {f}",
        "{adj} Foreign Ministry spokeswoman",
    ),
    ("{adj} national security adviser", "مستشار الأمن القومي {m}", "مستشارة الأمن القومي {f}", ""),
)

# Clauses reported after "said that" / قال إن. {his}/{its} and their Arabic pronoun
# suffixes ({h}) follow the speaker.
CLAUSES: tuple[tuple[str, str], ...] = (
    ("the talks were constructive", "المحادثات كانت بناءة"),
    ("{his} country will not abandon its allies", "بلاد{h} لن تتخلى عن حلفائها"),
    ("the situation in the region is dangerous", "الوضع في المنطقة خطير"),
    ("Western sanctions have failed", "العقوبات الغربية فشلت"),
    ("the agreement will be signed soon", "الاتفاق سيوقع قريبا"),
    ("the two sides agreed to continue the dialogue", "الجانبين اتفقا على مواصلة الحوار"),
    ("{his} country supports a political solution", "بلاد{h} تدعم الحل السياسي"),
    ("the meeting discussed regional security", "الاجتماع بحث الأمن الإقليمي"),
    ("relations between the two countries are developing", "العلاقات بين البلدين تتطور"),
    ("{his} government rejects these accusations", "حكومت{h} ترفض هذه الاتهامات"),
)

TOPICS: tuple[tuple[str, str], ...] = (
    ("economic cooperation", "التعاون الاقتصادي"),
    ("the nuclear file", "الملف النووي"),
    ("energy security", "أمن الطاقة"),
    ("the situation in the Middle East", "الوضع في الشرق الأوسط"),
    ("the fight against terrorism", "مكافحة الإرهاب"),
    ("military cooperation", "التعاون العسكري"),
    ("the crisis in {country}", "الأزمة في {country}"),
    ("the situation in {country}", "الأوضاع في {country}"),
)

FIELDS: tuple[tuple[str, str], ...] = (
    ("energy and trade", "الطاقة والتجارة"),
    ("security and defense", "الأمن والدفاع"),
    ("education and health", "التعليم والصحة"),
    ("transport and agriculture", "النقل والزراعة"),
)

# Syllables for invented Latin-script names. They stand for the many foreign names real
# web-crawled Arabic text carries in Latin letters, which teaches a model to copy them.
# The empty onset gives names that begin with a vowel (Ashtiani, Araghchi); clusters such as
# gh, kh, q, ts and ry give the spellings Persian and Russian names have in English.
LATIN_ONSETS = (
    "", "", "", "b", "d", "k", "m", "n", "p", "r", "s", "t", "v", "z", "g", "l", "h", "f",
    "j", "w", "q", "y", "sh", "ch", "kh", "gh", "kr", "st", "br", "dr", "gr", "pl", "tr",
    "zh", "ts", "ry", "by", "shk", "sch", "mb", "nd", "rd", "zl",
)  # fmt: skip
LATIN_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o", "ai", "ia", "ya", "ou", "ei", "iu")
LATIN_ENDINGS = (
    "", "", "n", "v", "r", "s", "k", "ev", "ov", "in", "ani", "ian", "ski", "enko", "ova",
    "ez", "ard", "i", "ov", "yev", "adeh", "ich", "ko", "shev", "kov", "chi", "gu", "ssi",
    "ayev", "ovich", "iani", "ari", "eh", "ud", "off",
)  # fmt: skip
LATIN_FIRST_NAMES = (
    "John", "Peter", "Anna", "Ivan", "Hassan", "Omar", "Elena", "Pavel", "Reza", "Karim",
    "Olga", "Yuri", "Tomas", "Lena", "Farid", "Viktor", "Nadia", "Igor", "Said", "Boris",
)  # fmt: skip
