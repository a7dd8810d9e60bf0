"""Sentence templates of the toy news corpus (Arabic and English written side by side).

Each template takes a :class:`Sentence` (random source, which name mentions to write in Latin
letters, the name terms used so far) and the people it needs, and returns (English, Arabic).
Arabic verbs, pronouns and adjectives agree with the gender of the person they refer to.
"""

from __future__ import annotations

from collections.abc import Callable

from toy_lexicon import (
    AGENCIES,
    CITIES,
    COUNTRIES,
    FIELDS,
    MONTHS,
    ORGANISATIONS,
    WEEKDAYS,
    Person,
)
from toy_sentence import Sentence, clause, g, role, titled, topic, two_countries


def t_counterpart(s: Sentence, p: list[Person]) -> tuple[str, str]:
    a, b = p
    t1_en, t1_ar = titled(s, a)
    c2 = s.rng.choice(COUNTRIES)
    n2_en, n2_ar = s.name(b)
    city_en, city_ar = s.pick(CITIES)
    day_en, day_ar = s.pick(WEEKDAYS)
    counterpart = {(0, 0): "نظيره", (0, 1): "نظيرته", (1, 0): "نظيرها", (1, 1): "نظيرتها"}
    cp = counterpart[(int(a.female), int(b.female))]
    adj2 = c2.adj_ar_f if b.female else c2.adj_ar_m
    verb = g(a, "التقى", "التقت")
    ar = f"{verb} {t1_ar} {cp} {adj2} {n2_ar} في {city_ar} يوم {day_ar}."
    his = g(a, "his", "her")
    en = f"{t1_en} met {his} {c2.adj_en} counterpart {n2_en} in {city_en} on {day_en}."
    return en, ar


def t_ready(s: Sentence, p: list[Person]) -> tuple[str, str]:
    t_en, t_ar = titled(s, p[0])
    day_en, day_ar = s.pick(WEEKDAYS)
    c = s.rng.choice(COUNTRIES)
    his, h = g(p[0], "his", "her"), g(p[0], "ه", "ها")
    verb = g(p[0], "قال", "قالت")
    ar = f"{verb} {t_ar} يوم {day_ar} إن بلاد{h} مستعدة لتعزيز التعاون مع {c.name_ar}."
    en = (
        f"{t_en} said on {day_en} that {his} country is ready to strengthen cooperation "
        f"with {c.name_en}."
    )
    return en, ar


def t_visit(s: Sentence, p: list[Person]) -> tuple[str, str]:
    t_en, t_ar = titled(s, p[0])
    city_en, city_ar = s.pick(CITIES)
    day_en, day_ar = s.pick(WEEKDAYS)
    n_en, n_ar, _ = s.number(3, 10)
    verb = g(p[0], "وصل", "وصلت")
    ar = f"{verb} {t_ar} إلى {city_ar} يوم {day_ar} في زيارة رسمية تستغرق {n_ar} أيام."
    en = f"{t_en} arrived in {city_en} on {day_en} for an official visit lasting {n_en} days."
    return en, ar


def t_quoted(s: Sentence, p: list[Person]) -> tuple[str, str]:
    ag_en, ag_ar = s.pick(AGENCIES)
    t_en, t_ar = titled(s, p[0])
    c_en, c_ar = clause(s, p[0])
    ar = f"نقلت {ag_ar} عن {t_ar} {g(p[0], 'قوله', 'قولها')} إن {c_ar}."
    en = f"{ag_en} quoted {t_en} as saying that {c_en}."
    return en, ar


def t_phone(s: Sentence, p: list[Person]) -> tuple[str, str]:
    t1_en, t1_ar = titled(s, p[0])
    t2_en, t2_ar = titled(s, p[1])
    verb = g(p[0], "أجرى", "أجرت")
    ar = f"{verb} {t1_ar} اتصالا هاتفيا مع {t2_ar} لبحث العلاقات الثنائية."
    en = f"{t1_en} held a phone call with {t2_en} to discuss bilateral relations."
    return en, ar


def t_signed(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n1_en, n1_ar = s.name(p[0])
    n2_en, n2_ar = s.name(p[1], "و")
    n_en, n_ar, n = s.number(3, 30)
    noun = "اتفاقيات" if n <= 10 else "اتفاقية"
    f_en, f_ar = s.pick(FIELDS)
    verb = g(p[0], "وقع", "وقعت")
    ar = f"{verb} {n1_ar} {n2_ar} {n_ar} {noun} في مجالات {f_ar}."
    en = f"{n1_en} and {n2_en} signed {n_en} agreements in the fields of {f_en}."
    return en, ar


def t_talks(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n1_en, n1_ar = s.name(p[0])
    n2_en, n2_ar = s.name(p[1], "و")
    n_en, n_ar, _ = s.number(3, 10)
    city_en, city_ar = s.pick(CITIES)
    ar = f"استمرت المحادثات بين {n1_ar} {n2_ar} {n_ar} ساعات في {city_ar}."
    en = f"The talks between {n1_en} and {n2_en} lasted {n_en} hours in {city_en}."
    return en, ar


def t_received(s: Sentence, p: list[Person]) -> tuple[str, str]:
    t1_en, t1_ar = titled(s, p[0])
    city_en, city_ar = s.pick(CITIES)
    day_en, day_ar = s.pick(WEEKDAYS)
    t2_en, t2_ar = titled(s, p[1])
    verb = g(p[0], "استقبل", "استقبلت")
    ar = f"{verb} {t1_ar} في {city_ar} يوم {day_ar} {t2_ar}."
    en = f"{t1_en} received {t2_en} in {city_en} on {day_en}."
    return en, ar


def t_met_with(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n1_en, n1_ar = s.name(p[0])
    n2_en, n2_ar = s.name(p[1], "ب")
    city_en, city_ar = s.pick(CITIES)
    tp_en, tp_ar = topic(s)
    verb = g(p[0], "اجتمع", "اجتمعت")
    ar = f"{verb} {n1_ar} {n2_ar} في {city_ar} لبحث {tp_ar}."
    en = f"{n1_en} met with {n2_en} in {city_en} to discuss {tp_en}."
    return en, ar


def t_summit(s: Sentence, p: list[Person]) -> tuple[str, str]:
    t_en, t_ar = titled(s, p[0])
    org_en, org_ar = s.pick(ORGANISATIONS)
    city_en, city_ar = s.pick(CITIES)
    day_en, day_ar = s.pick(WEEKDAYS)
    verb = g(p[0], "يشارك", "تشارك")
    ar = f"{verb} {t_ar} في قمة {org_ar} التي تعقد في {city_ar} يوم {day_ar}."
    en = f"{t_en} will take part in the {org_en} summit to be held in {city_en} on {day_en}."
    return en, ar


def t_stressed(s: Sentence, p: list[Person]) -> tuple[str, str]:
    t_en, t_ar = titled(s, p[0])
    c = s.rng.choice(COUNTRIES)
    accept = "يقبل" if c.masculine else "تقبل"
    its = "شؤونه" if c.masculine else "شؤونها"
    verb = g(p[0], "أكد", "أكدت")
    ar = f"{verb} {t_ar} أن {c.name_ar} لن {accept} أي تدخل في {its} الداخلية."
    en = (
        f"{t_en} stressed that {c.name_en} will not accept any interference "
        "in its internal affairs."
    )
    return en, ar


def t_trade(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n_en, n_ar = s.name(p[0])
    c1, c2 = two_countries(s)
    pc_en, pc_ar, _ = s.number(2, 60)
    verb = g(p[0], "قال", "قالت")
    ar = (
        f"{verb} {n_ar} إن حجم التبادل التجاري بين {c1.name_ar} و{c2.name_ar} "
        f"ارتفع بنسبة {pc_ar} بالمئة."
    )
    en = f"{n_en} said that trade between {c1.name_en} and {c2.name_en} rose by {pc_en} percent."
    return en, ar


def t_delegation(s: Sentence, p: list[Person]) -> tuple[str, str]:
    c = s.rng.choice(COUNTRIES)
    t_en, t_ar = titled(s, p[0])
    city_en, city_ar = s.pick(CITIES)
    day_en, day_ar = s.pick(WEEKDAYS)
    article = "An" if c.adj_en[0] in "AEIOU" else "A"
    # An indefinite noun takes the indefinite adjective: وفد روسي, not وفد الروسي.
    ar = f"وصل وفد {c.adj_ar_m.removeprefix('ال')} برئاسة {t_ar} إلى {city_ar} يوم {day_ar}."
    en = f"{article} {c.adj_en} delegation headed by {t_en} arrived in {city_en} on {day_en}."
    return en, ar


def t_sidelines(s: Sentence, p: list[Person]) -> tuple[str, str]:
    org_en, org_ar = s.pick(ORGANISATIONS)
    n1_en, n1_ar = s.name(p[0])
    n2_en, n2_ar = s.name(p[1])
    c = s.rng.choice(COUNTRIES)
    verb = g(p[0], "التقى", "التقت")
    both = "وبحثتا" if p[0].female and p[1].female else "وبحثا"
    ar = f"على هامش قمة {org_ar}، {verb} {n1_ar} مع {n2_ar} {both} الوضع في {c.name_ar}."
    en = (
        f"On the sidelines of the {org_en} summit, {n1_en} met {n2_en} and they discussed "
        f"the situation in {c.name_en}."
    )
    return en, ar


def t_warned(s: Sentence, p: list[Person]) -> tuple[str, str]:
    t_en, t_ar = titled(s, p[0])
    where = [("the region", "المنطقة"), ("the Middle East", "الشرق الأوسط")]
    c = s.rng.choice(COUNTRIES)
    w_en, w_ar = s.rng.choice([*where, (c.name_en, c.name_ar)])
    verb = g(p[0], "حذر", "حذرت")
    ar = f"{verb} {t_ar} من أن التصعيد في {w_ar} قد يؤدي إلى حرب شاملة."
    en = f"{t_en} warned that escalation in {w_en} could lead to a full-scale war."
    return en, ar


def t_told(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n_en, n_ar = s.name(p[0])
    ag_en, ag_ar = s.pick(AGENCIES)
    c_en, c_ar = clause(s, p[0])
    verb = g(p[0], "قال", "قالت")
    ar = f"{verb} {n_ar} ل{ag_ar} إن {c_ar}."
    en = f"{n_en} told {ag_en} that {c_en}."
    return en, ar


def t_invited(s: Sentence, p: list[Person]) -> tuple[str, str]:
    t_en, t_ar = titled(s, p[0])
    n2_en, n2_ar = s.name(p[1])
    c = s.rng.choice(COUNTRIES)
    verb = g(p[0], "وجه", "وجهت")
    ar = f"{verb} {t_ar} دعوة إلى {n2_ar} لزيارة {c.name_ar} قريبا."
    en = f"{t_en} invited {n2_en} to visit {c.name_en} soon."
    return en, ar


def t_congratulated(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n1_en, n1_ar = s.name(p[0])
    n2_en, n2_ar = s.name(p[1], "ل")
    verb = g(p[0], "قدم", "قدمت")
    post = g(p[1], "توليه منصبه", "توليها منصبها")
    ar = f"{verb} {n1_ar} التهنئة {n2_ar} بمناسبة {post} الجديد."
    en = f"{n1_en} congratulated {n2_en} on taking up {g(p[1], 'his', 'her')} new post."
    return en, ar


def t_welcomed(s: Sentence, p: list[Person]) -> tuple[str, str]:
    t_en, t_ar = titled(s, p[0])
    n2_en, n2_ar = s.name(p[1], "ب")
    city_en, city_ar = s.pick(CITIES)
    verb = g(p[0], "رحب", "رحبت")
    ar = f"{verb} {t_ar} {n2_ar} في {city_ar}."
    en = f"{t_en} welcomed {n2_en} to {city_en}."
    return en, ar


def t_announced(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n_en, n_ar = s.name(p[0])
    day_en, day_ar = s.pick(WEEKDAYS)
    city_en, city_ar = s.pick(CITIES)
    m_en, m_ar = s.pick(MONTHS)
    verb = g(p[0], "أعلن", "أعلنت")
    ar = f"{verb} {n_ar} يوم {day_ar} أن الاجتماع المقبل سيعقد في {city_ar} في {m_ar}."
    en = f"{n_en} announced on {day_en} that the next meeting will be held in {city_en} in {m_en}."
    return en, ar


def t_year(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n_en, n_ar = s.name(p[0])
    y_en, y_ar, _ = s.number(2024, 2030)
    verb = g(p[0], "قال", "قالت")
    ar = f"{verb} {n_ar} إن البلدين سيوقعان اتفاقية للتعاون العسكري قبل نهاية عام {y_ar}."
    en = (
        f"{n_en} said that the two countries will sign a military cooperation agreement "
        f"before the end of {y_en}."
    )
    return en, ar


def t_headline_discusses(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n1_en, n1_ar = s.name(p[0])
    n2_en, n2_ar = s.name(p[1])
    tp_en, tp_ar = topic(s)
    city_en, city_ar = s.pick(CITIES)
    verb = g(p[0], "يبحث", "تبحث")
    ar = f"{n1_ar} {verb} مع {n2_ar} {tp_ar} في {city_ar}"
    en = f"{n1_en} discusses {tp_en} with {n2_en} in {city_en}"
    return en, ar


def t_headline_arrives(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n_en, n_ar = s.name(p[0])
    city_en, city_ar = s.pick(CITIES)
    verb = g(p[0], "يصل", "تصل")
    return (
        f"{n_en} arrives in {city_en} on an official visit",
        f"{n_ar} {verb} إلى {city_ar} في زيارة رسمية",
    )


def t_said(s: Sentence, p: list[Person]) -> tuple[str, str]:
    t_en, t_ar = titled(s, p[0])
    c_en, c_ar = clause(s, p[0])
    verb = g(p[0], "قال", "قالت")
    return f"{t_en} said that {c_en}.", f"{verb} {t_ar} إن {c_ar}."


# Photo captions and bylines: short, name-dense fragments of news pages.
def t_caption_pair(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n1_en, n1_ar = s.name(p[0])
    n2_en, n2_ar = s.name(p[1], "و")
    city_en, city_ar = s.pick(CITIES)
    return f"{n1_en} and {n2_en} in {city_en}", f"{n1_ar} {n2_ar} في {city_ar}"


def t_caption_press(s: Sentence, p: list[Person]) -> tuple[str, str]:
    t_en, t_ar = titled(s, p[0])
    city_en, city_ar = s.pick(CITIES)
    return (
        f"{t_en} during a press conference in {city_en}",
        f"{t_ar} خلال مؤتمر صحفي في {city_ar}",
    )


def t_caption_role(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n_en, n_ar = s.name(p[0])
    r_en, r_ar = role(s, p[0], s.rng.choice(COUNTRIES))
    return f"{n_en}, {r_en}", f"{n_ar}، {r_ar}"


def t_byline(s: Sentence, p: list[Person]) -> tuple[str, str]:
    n_en, n_ar = s.name(p[0])
    return f"By {n_en}", f"بقلم {n_ar}"


Template = Callable[[Sentence, list[Person]], tuple[str, str]]
TEMPLATES: tuple[tuple[Template, int], ...] = (
    (t_counterpart, 2), (t_ready, 1), (t_visit, 1), (t_quoted, 1), (t_phone, 2),
    (t_signed, 2), (t_talks, 2), (t_received, 2), (t_met_with, 2), (t_summit, 1),
    (t_stressed, 1), (t_trade, 1), (t_delegation, 1), (t_sidelines, 2), (t_warned, 1),
    (t_told, 1), (t_invited, 2), (t_congratulated, 2), (t_welcomed, 2), (t_announced, 1),
    (t_year, 1), (t_headline_discusses, 2), (t_headline_arrives, 1), (t_said, 1),
    (t_caption_pair, 2), (t_caption_press, 1), (t_caption_role, 1), (t_byline, 1),
)  # fmt: skip
