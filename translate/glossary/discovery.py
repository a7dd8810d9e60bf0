"""Finding candidate names in an Arabic corpus, for ``translate glossary suggest``.

Pure and model-free: the corpus is the only evidence. A word's proclitics (the matcher's,
:func:`proclitic_readings`) are split off only where the rest stands alone elsewhere in
the corpus (itself or a spelling variant), is a listed word, or starts with the article:
وباتروشيف is و + باتروشيف where باتروشيف occurs, while بوتين stays whole. A stem with a
plain ال carries the article, which foreign names lack: it is a candidate only as a
surname after a title (بشار الأسد). Evidence, as :attr:`NameCandidate.evidence` names it:
``title:W``, after a person's title W across the article-bearing and portfolio words of
its phrase (وزير الخارجية الروسي سيرغي لافروف: سيرغي and لافروف); ``org:W``, right after
an organisation or place word (وكالة مهر); ``latin-nearby``, before a capitalised Latin
word (لافروف (Lavrov)); ``next-to-name``, beside a candidate with evidence of its own or a
person of the ``skip`` glossary (first name and surname); ``foreign-letter``, گ پ ڤ or چ,
used almost only in foreign names; ``variants``, spelt with other g/v/p/ch letters too
(شويغو/شويجو: grouped by :func:`variant_key` and :func:`is_variant`, and where only such
letters differ, غروسي/جروسي; long vowels alone are no evidence, Arabic word patterns move
them: تاريخ/تواريخ); ``ending``, a foreign-looking ending (ـوف ـيف ـسكي ـيان ...).
Against: the stop list (function words, reporting verbs, days, months), a stem often seen
with the article (a common noun or adjective) or without evidence (the frequency rule).

Hand-written rather than a named-entity model: the signals are Arabic-specific and cheap
(clitics glued to words, the letters Arabic lacks and the spellings that causes, the
article that names do without), no Arabic NER model ships with this tool, and the result
is a ranked list for a person to review, so every score must be explainable.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from translate.glossary import variants
from translate.glossary.matcher import Matcher, proclitic_readings
from translate.glossary.tokens import fold_text, tokenize
from translate.glossary.variants import FOREIGN_LETTERS, MIN_LETTERS, analyse, is_variant
from translate.glossary.variants import variant_key as _variant_key
from translate.text.normalize import ARABIC_LETTER_CLASS, fold, normalize_text

DISCOVERY_VERSION = 1  # bumped whenever the algorithm changes the candidates found

_TITLES = (
    "رئيس وزير سيد متحدث نائب سفير أمين مستشار جنرال شيخ أمير ملك مساعد مدير قائد زعيم مبعوث "
    "مندوب نظير نظيرها دكتور بروفيسور مراسل كاتب مخرج لاعب مدرب عضو قاضي محافظ عمدة حاكم مرشح "
    "عقيد لواء عميد أميرال كاردينال إمام"
)
_ORG_TITLES = "وكالة صحيفة قناة شركة مجموعة منظمة حركة حزب جامعة مدينة ولاية مقاطعة إقليم بلدة"
_CHAIN_WORDS = (
    "باسم وزراء وزارة مجلس جمهورية حكومة هيئة أركان خارجية دفاع داخلية مالية عدل صحة إعلام اقتصاد "
    "دولة أنباء شؤون عام عامة سابق سابقة أسبق"
)
_STOP_WORDS = (
    "في من إلى على عن مع بين حول ضد عند عبر خلال منذ حتى بعد قبل دون غير بدون لدى نحو ضمن وسط "
    "أمام خلف تحت فوق و أو أم ثم لكن بل لا لم لن ما ماذا إن أن إذا إذ كي حيث كما كذلك أيضا لقد قد "
    "هل كل بعض أي التي الذي الذين هذا هذه ذلك تلك هؤلاء هناك هنا هو هي هم نحن إنه أنه أنها إنها "
    "كان كانت يكون تكون كانوا ليس ليست به بها بهم له لها لهم فيه فيها منه منها عنه عنها عليه "
    "عليها لديه لديها إليه معه معها قال قالت يقول تقول قوله قولها أكد أكدت يؤكد أعلن أعلنت يعلن "
    "أضاف أضافت يضيف أشار أشارت يشير أوضح أوضحت ذكر ذكرت يذكر صرح صرحت زار زارت يزور تزور التقى "
    "التقت يلتقي تلتقي بحث بحثت استقبل دعا دعت يدعو طالب حذر شدد نقل نقلت أفاد أفادت أعرب تابع "
    "وصل وصلت جاء جاءت أصبح أصبحت تم يتم يمكن يجب أمس اليوم غدا الآن يوم أيام سنة عام شهر أسبوع "
    "ساعة مساء صباح السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة يناير فبراير مارس "
    "أبريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار "
    "نيسان أيار حزيران تموز آب أيلول تشرين محرم صفر رجب شعبان رمضان شوال جديد جديدة كبير كبيرة "
    "أخرى آخر أول ثاني واحد اثنين ثلاثة أربعة خمسة مليون مليار ألف مئة أكثر أقل جدا فقط بشأن إطار "
    "أجل وفق وفقا حسب حسبما بسبب مثل عدة عدد شبه قيد"
)
_ENDINGS = "وف يف وفا يفا وفيتش يفيتش يتش سكي سكايا ينكو يان يني و زاده بور شفيلي ستان بورغ برغ"


@dataclass(frozen=True)
class DiscoveryRules:
    """The heuristics of :func:`find_candidates`, named so that a run can be reproduced.

    Contextual evidence (title, org, latin-nearby, next-to-name) adds ``weight * (1 +
    log2(occurrences with it))`` to the score, word evidence (foreign-letter, variants,
    ending) its weight once. The frequency rule: a stem with ``common_min_count`` uses
    without title, org or Latin evidence, and with it in less than ``common_max_share`` of
    its uses, is a common word unless it has a foreign letter (for an al-surname, every
    use of the word with the article counts). Word lists are space-separated, as written.
    """

    min_count: int = 1  # occurrences a candidate needs (the CLI's --min-count)
    min_letters: int = 3  # the shortest stem: two-letter words are nearly all particles
    min_split_letters: int = 4  # left after a clitic, unless listed: فريد is not ف + ريد
    max_name_words: int = 3  # words after a title phrase taken as the name
    title_reach: int = 6  # title-phrase tokens: أمين المجلس الأعلى للأمن القومي الإيراني، علي
    latin_window: int = 2  # punctuation tokens allowed between a word and a Latin name
    title_weight: float = 3.0
    org_weight: float = 2.0  # also before adjectives and verbs: مجموعة متنوعة، مدينة تقع
    latin_nearby_weight: float = 2.0
    next_to_name_weight: float = 0.5  # alone, it takes four occurrences to reach min_score
    foreign_letter_weight: float = 3.0
    variants_weight: float = 1.0  # short of min_score: Arabic words coincide (معالجة/معلقة)
    ending_weight: float = 1.0
    min_score: float = 1.5
    common_min_count: int = 5
    common_max_share: float = 0.15
    article_min_count: int = 2  # seen with the article this often and in this share of
    article_max_share: float = 0.5  # its uses: a common noun or adjective (names take none)
    endings: str = _ENDINGS
    titles: str = _TITLES  # a person's titles (also with ة): a title phrase, then the name
    org_titles: str = _ORG_TITLES  # organisation and place words: the name follows at once
    chain_words: str = _CHAIN_WORDS  # words inside title phrases (وزير خارجية روسيا)
    stop_words: str = field(default=_STOP_WORDS, repr=False)

    def digest(self) -> str:
        data = {"version": DISCOVERY_VERSION, **asdict(self)}
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:12]


DEFAULT_DISCOVERY_RULES = DiscoveryRules()


@dataclass(frozen=True)
class Occurrence:
    """Where a candidate occurs: ``start``/``end`` are offsets into ``lines[line]``."""

    line: int
    start: int
    end: int
    surface: str  # the word as written, proclitics included
    stem: str  # the name without them, diacritics removed


@dataclass(frozen=True)
class NameCandidate:
    """A probable name: its spellings, where it occurs, and why (see the module doc)."""

    key: str  # the folded spelling of the most frequent form: unique in a result
    forms: tuple[tuple[str, int], ...]  # stems as written and their counts, most first
    occurrences: tuple[Occurrence, ...]
    evidence: tuple[tuple[str, int], ...]  # kind and occurrences (variants: spellings)
    score: float

    @property
    def count(self) -> int:
        return len(self.occurrences)


_HAMZA_ALEFS = str.maketrans("أإآٱ", "اااا")
_ARABIC_WORD_RE = re.compile(f"[{ARABIC_LETTER_CLASS}]+")


def _light(text: str) -> str:
    """Normalised, hamza on alef dropped, ى kept: folding makes على ("on") علي (Ali)."""
    return normalize_text(text).translate(_HAMZA_ALEFS)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    surface: str
    folded: str
    kind: str  # word, stop, latin, punct, other; skip or person: in a skip glossary match
    stem: str = ""  # as written, normalised, without conjunction or preposition
    key: str = ""  # the folded stem, article included; == folded when no clitic
    bare: str = ""  # the folded stem without the article
    article: bool = False


def _scan(line: str, skip: Matcher | None) -> list[_Token]:
    folded, offsets = fold_text(line)
    spans = [(m.start, m.end, m.entry.type == "person") for m in skip.find(line)] if skip else []
    tokens = []
    for fs, fe, text in tokenize(folded):
        start, end = (fs, fe) if offsets is None else (offsets[fs], offsets[fe - 1] + 1)
        hit = [person for s, e, person in spans if s < end and start < e]
        kind = "punct" if len(text) == 1 and not text.isalnum() else "other"
        if hit or _ARABIC_WORD_RE.fullmatch(text):
            kind = ("person" if any(hit) else "skip") if hit else "word"
        elif text.isascii() and text.isalpha():
            kind = "latin"
        tokens.append(_Token(start, end, line[start:end], text, kind))
    return tokens


class _Corpus:
    """The word lists, folded, and each word's reading chosen from the whole corpus."""

    def __init__(self, scanned: list[list[_Token]], rules: DiscoveryRules) -> None:
        def titles(words: str) -> frozenset[str]:
            folded = {fold(w) for w in words.split()}
            return frozenset(folded | {w + "ه" for w in folded if not w.endswith("ه")})

        self.rules, self.titles, self.orgs = rules, titles(rules.titles), titles(rules.org_titles)
        self.chain = frozenset(fold(w) for w in rules.chain_words.split())
        self.phrase = self.titles | self.chain  # words that continue a title phrase
        self.listed_words = self.phrase | self.orgs
        self.stop = frozenset(_light(w) for w in rules.stop_words.split())
        self.endings = tuple(fold(e) for e in rules.endings.split())
        self.whole = {t.folded for tokens in scanned for t in tokens if t.kind != "punct"}
        self.by_key: dict[str, list[str]] = defaultdict(list)
        for word in sorted(self.whole):
            self.by_key[_variant_key(word) or ""].append(word)
        self._attested: dict[str, bool] = {}
        self._read: dict[tuple[str, str], tuple[str, str, str, str, bool]] = {}

    def listed(self, word: str, written: str) -> bool:
        """Whether ``word`` is listed or starts with the article (never a foreign name's)."""
        article = len(word) > 3 and written.startswith(("ال", "ٱل"))
        listed = {word, word.removeprefix("ال")} & self.listed_words
        return article or bool(listed) or _light(written) in self.stop

    def attested(self, word: str) -> bool:
        """Whether folded ``word`` stands alone in the corpus, itself or a variant."""
        if word not in self._attested:
            bucket = self.by_key.get(_variant_key(word) or "", ())
            self._attested[word] = len(word) >= self.rules.min_split_letters and (
                word in self.whole or any(_same_name(word, w) for w in bucket)
            )
        return self._attested[word]

    def read(self, token: _Token) -> _Token:
        """``token`` read as the first listed or attested reading, shortest clitic first."""
        if token.kind != "word":
            return token
        key = (token.folded, token.surface)
        if key not in self._read:  # words recur: read each once
            self._read[key] = self._reading(*key)
        return _Token(token.start, token.end, token.surface, token.folded, *self._read[key])

    def _reading(self, folded: str, surface: str) -> tuple[str, str, str, str, bool]:
        marks = fold_text(surface)[1] or range(len(surface))  # original offset of each letter
        chosen = restored = None
        for clitic, word in proclitic_readings(folded)[1:]:
            if "س" in clitic:  # the future particle only comes before verbs
                continue
            rest = folded[len(clitic) :]
            written = word[: len(word) - len(rest)] + surface[marks[len(clitic)] :]
            if word != rest:  # ل + ال written لل: the article's alef restored
                restored = restored or (clitic, word, written)
            elif not word.startswith("لل") and (
                self.listed(word, normalize_text(written)) or self.attested(word)
            ):
                chosen = (clitic, word, written)
                break
        if chosen is None:  # unattested: whole, unless it reads as ل + ال written لل
            known = self.listed(folded, normalize_text(surface))
            chosen = ("", folded, surface) if restored is None or known else restored
        clitic, word, written = chosen
        stem, restore = normalize_text(written), word != folded[len(clitic) :]
        article = len(word) > 3 and word.startswith("ال") and (restore or stem[0] in "اٱ")
        bare, light = (word[2:] if article else word), _light(stem)
        kind = "stop" if light in self.stop or (article and light[2:] in self.stop) else "word"
        return kind, stem, word, bare, article


def _same_name(a: str, b: str) -> bool:
    """Spellings of one name: matcher variants either way, or the same letters but for
    g/v/p/ch (غروسي/جروسي: a first-letter swap the matcher refuses in short words)."""
    shape = analyse(a) if min(len(a), len(b)) >= MIN_LETTERS else None
    return is_variant(a, b) or is_variant(b, a) or (shape is not None and shape == analyse(b))


def _group(words: set[str]) -> dict[str, str]:
    """Each folded spelling mapped to the first (sorted) spelling of its group."""
    buckets: dict[str, list[list[str]]] = defaultdict(list)
    for word in sorted(words):
        clusters = buckets[_variant_key(word) or word]
        cluster = next((c for c in clusters if any(_same_name(word, w) for w in c)), None)
        if cluster is None:
            clusters.append(cluster := [])
        cluster.append(word)
    return {w: c[0] for clusters in buckets.values() for c in clusters for w in c}


def _contexts(tokens: list[_Token], lex: _Corpus) -> list[tuple[int, str]]:
    """``(index, label)`` of the words that title phrases name in one line, and of words
    before a capitalised Latin name (لافروف (Lavrov); an acronym stands for a phrase)."""
    found, rules = [], lex.rules
    for i, token in enumerate(tokens):
        for t in tokens[i + 1 : i + 2 + rules.latin_window] if token.kind == "word" else ():
            if t.kind == "latin" and t.surface[0].isupper() and not t.surface.isupper():
                found.append((i, "latin-nearby"))
            if t.kind != "punct":
                break
    for i, title in enumerate(tokens):
        org = title.bare in lex.orgs and not title.article  # وكالة مهر, not الوكالة
        if title.kind != "word" or not (org or title.bare in lex.titles):
            continue
        label, names, chain = ("org:" if org else "title:") + title.stem, 0, 0
        for j, t in enumerate(tokens[i + 1 :], i + 1):
            word = t.kind == "word"
            # A comma, a known country, a title or portfolio word (العام), an article: go on.
            phrase = t.kind == "skip" or t.folded in "،," or t.bare in lex.phrase
            phrase = phrase or (word and t.article and not org)
            if names == 0 and chain < rules.title_reach and phrase:
                if word and t.bare in lex.titles:  # نائب وزير الخارجية: the nearest title
                    label = "title:" + t.stem
                chain += 1
                continue
            if names == 0 and not (org or chain or title.article):
                break  # مدير مكتب: an indefinite person title before a noun, not a name
            if names == 0 and org and title.stem.endswith("ة") and t.stem.endswith("ة"):
                break  # مجموعة متنوعة: an adjective agreeing with the word, not a name
            if t.kind == "person":
                names += 1  # a name the glossary knows: the name goes on
            elif not word or t.key != t.folded or (t.article and (org or not names)):
                break  # not a name, or one with a clitic: a new phrase
            elif len(t.bare) < rules.min_letters:
                names += 1  # a short name part (جو بايدن)
            else:
                found.append((j, label))
                names += 1
                if t.article:  # an al-surname (بشار الأسد) ends the name
                    break
            if names >= rules.max_name_words:
                break
    return found


_Members = list[tuple[tuple[int, int], _Token]]  # (line, token index) and token


def find_candidates(
    lines: Sequence[str],
    *,
    skip: Matcher | None = None,
    rules: DiscoveryRules = DEFAULT_DISCOVERY_RULES,
) -> list[NameCandidate]:
    """Probable names in ``lines``, best first (score, count, key), none inside ``skip``."""
    scanned = [_scan(line, skip) for line in lines]
    lex = _Corpus(scanned, rules)
    corpus = [[lex.read(token) for token in tokens] for tokens in scanned]
    labels: dict[tuple[int, int], set[str]] = defaultdict(set)
    for n, tokens in enumerate(corpus):
        for i, label in _contexts(tokens, lex):
            labels[n, i].add(label)
    names = {
        (n, i): t
        for n, tokens in enumerate(corpus)
        for i, t in enumerate(tokens)
        if t.kind == "word" and len(t.bare) >= rules.min_letters and t.bare not in lex.listed_words
        and (not t.article or any(x.startswith("title:") for x in labels.get((n, i), ())))
    }  # fmt: skip
    group = _group({t.key for t in names.values()})
    members: dict[str, _Members] = defaultdict(list)
    for position, token in names.items():
        members[group[token.key]].append((position, token))
    uses = Counter(t.bare for tokens in corpus for t in tokens if t.article)
    # A neighbour vouches for a word when it is a candidate on its own evidence.
    strong = {g for g, ms in members.items() if _candidate(ms, labels, uses, lex)}
    for (n, i), token in names.items():
        for j in (i - 1, i + 1) if not labels.get((n, i)) else ():
            other = names.get((n, j))
            person = 0 <= j < len(corpus[n]) and corpus[n][j].kind == "person"
            if person or (other and group[other.key] in strong - {group[token.key]}):
                labels[n, i].add("next-to-name")
    found = [_candidate(ms, labels, uses, lex) for ms in members.values()]
    kept = [c for c in found if c and c.count >= rules.min_count]
    return sorted(kept, key=lambda c: (-c.score, -c.count, c.key))


def _candidate(
    members: _Members, labels: dict[tuple[int, int], set[str]], uses: Counter[str], lex: _Corpus
) -> NameCandidate | None:
    rules, ends = lex.rules, lex.endings
    found = [labels.get(position, set()) for position, _ in members]
    evidence = Counter(label for labelled in found for label in labelled)
    kinds = Counter(kind for labelled in found for kind in {x.split(":")[0] for x in labelled})
    spellings = Counter(token.key for _, token in members)
    letters = {variants.INNER_VOWELS_RE.sub("", spelling) for spelling in spellings}
    word_kinds = {
        "foreign-letter": sum(1 for _, t in members if FOREIGN_LETTERS & set(t.key)),
        "variants": len(spellings) if len(letters) > 1 else 0,  # not long vowels alone
        "ending": sum(1 for _, t in members if len(t.key) >= MIN_LETTERS and t.key.endswith(ends)),
    }
    evidence.update({kind: n for kind, n in word_kinds.items() if n})
    weight = {k: getattr(rules, k.replace("-", "_") + "_weight") for k in [*kinds, *word_kinds]}
    score = sum(weight[kind] * (1 + math.log2(n)) for kind, n in sorted(kinds.items()))
    score += sum(weight[kind] for kind, n in word_kinds.items() if n)
    count = len(members)
    named = sum(1 for labelled in found if labelled - {"next-to-name"})
    articles = sum(uses[bare] for bare in {t.bare for _, t in members})
    surname = any(t.article for _, t in members)  # every use with the article counts
    total = articles if surname else count
    common = total - named >= rules.common_min_count and named < rules.common_max_share * total
    share = articles >= rules.article_max_share * (articles + count)
    noun = not surname and articles >= rules.article_min_count and share
    if score < rules.min_score or (not word_kinds["foreign-letter"] and (common or noun)):
        return None
    forms = Counter(token.stem for _, token in members)
    return NameCandidate(
        key=min(spellings, key=lambda s: (-spellings[s], s)),
        forms=tuple(sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))),
        occurrences=tuple(
            Occurrence(n, t.start, t.end, t.surface, t.stem) for (n, _), t in members
        ),
        evidence=tuple(sorted(evidence.items(), key=lambda kv: (-kv[1], kv[0]))),
        score=round(score, 3),
    )
