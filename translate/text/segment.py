"""Arabic-aware sentence splitting, and cutting of over-long sentences.

A regular expression that splits after ``. ! ? ؟`` gets most of real text right, and
what it gets wrong is exactly what hurts translation: a title, an initial or an
abbreviation cut off from its sentence ("د. محمد", "أ.د.", "570 م."), a numbered
list broken into fragments, a quoted exclamation cut off from its attribution. Telling
those apart needs a look at the word before the mark and the word after it, so the
scan is hand-written.

A line is split after ``. ! ? ؟ …`` when whitespace follows, or when an Arabic letter
follows with no space at all (``المرض.وفي``, common in pasted text); closing quotes and
brackets stay with their sentence. No split happens inside decimals, abbreviations,
initials, numbered-list markers (at the start of a sentence or inline: ``1. … 2. …``),
protected spans (URLs, e-mail addresses), after an ellipsis that marks an omission
inside a sentence, or between a quoted ``!``/``؟`` and its attribution (``"…!" قال``).
Where a mark is ambiguous the line is left whole: a model translates two sentences
given as one far better than half a sentence.

``؛`` is not a sentence end here: it joins clauses and list items of one sentence (its
English counterpart is ``;``). Sentences that exceed the model's input budget are cut
at ``؛``/``;`` first, then at other clause punctuation, then at conjunctions, then at
spaces, then (for space-less runs) at characters, so nothing is ever truncated.
Everything here is linear in the length of the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from translate.text.protect import find_protected

_TERMINATORS = ".!?؟…"
_CLOSERS = "\"'»”’)]}›"
_OPENERS = "\"'«“‘([{‹"
_QUOTES = "\"'»”’›"
# Clause punctuation before which an ellipsis marks an omission, not a sentence end.
_CLAUSE_MARKS = "،,:؛;"
_TATWEEL = "\u0640"
# Abbreviations are short: looking further back than this for the word before a mark
# would only cost time (and make a line of one huge token quadratic).
_MAX_WORD = 64

# Latin abbreviations that end in a full stop but rarely end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt no nos vs etc e.g i.e eg ie al approx dept est fig
    gen gov lt col capt sgt rev hon inc ltd co corp jan feb mar apr jun jul aug sep sept
    oct nov dec u.s u.k u.n p.m a.m ph.d""".split()
)
# Arabic abbreviations of more than one letter written with a full stop: إلخ / الخ
# (etc.). Single letters (د. doctor, أ. professor, م. AD or engineer, ه. Hijri, ص. page,
# ج. part, ت. telephone) and dotted letter groups (ق.م., أ.د., ص.ب., ج.م.ع.) are
# recognised by shape.
_ARABIC_ABBREVIATIONS = frozenset({"إلخ", "الخ"})
# Words that start a sentence, so a capital letter before them is no initial:
# "vitamin D. The dose…" versus "J. Smith".
_SENTENCE_STARTERS = frozenset(
    """an the this that these those it its he she we they you there here his her our
    their in on at for but and or so if when after before however then yet""".split()
)
# Verbs (and "according to") that attribute a quotation: «…!» قال, "…؟" سأل الصحفي.
_ATTRIBUTION = frozenset(
    """قال قالت قالوا قائلا قائلة يقول تقول يقولون أضاف أضافت أضافوا يضيف تضيف سأل سألت
    سألوا يسأل تسأل تساءل تساءلت يتساءل صرح صرحت صرحوا يصرح أكد أكدت أكدوا يؤكد تؤكد
    أوضح أوضحت يوضح تابع تابعت يتابع أردف أردفت صاح صاحت صرخ صرخت هتف هتفت هتفوا رد ردت
    ردوا يرد أجاب أجابت يجيب علق علقت يعلق كتب كتبت ذكر ذكرت أعلن أعلنت همس همست
    حسبما بحسب وفق وفقا""".split()
)

_DIGITS_RE = re.compile(r"^[0-9٠-٩۰-۹]{1,3}$")
_DOTTED_LATIN_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT_WORD_RE = re.compile(r"\s*(\S{0,64})")
_HARAKAT_RE = re.compile("[\u064b-\u065f\u0670]")
_SEMICOLON_RE = re.compile(r"(?<=[؛;])\s+")
_CLAUSE_RE = re.compile(r"(?<=[،,:])\s+")
_CONJUNCTION_RE = re.compile(
    r"\s+(?=(?:و|ثم|لكن|ولكن|بينما|حيث|إذ|كما|أو|بل|لأن|and|but|while|which|because)\s)"
)
_SPACE_RE = re.compile(r"\s+")


def split_sentences(line: str) -> list[str]:
    """The sentences of one line, stripped; an empty or blank line gives no sentence."""
    protected = [(s.start, s.end) for s in find_protected(line)]
    sentences: list[str] = []
    start = 0
    n = len(line)
    span_index = 0
    list_number: int | None = None  # the last inline list marker of this sentence
    i = 0
    while i < n:
        while span_index < len(protected) and protected[span_index][1] <= i:
            span_index += 1
        if span_index < len(protected) and protected[span_index][0] <= i:
            i = protected[span_index][1]
            continue
        if line[i] not in _TERMINATORS:
            i += 1
            continue
        run_end = i + 1
        while run_end < n and line[run_end] in _TERMINATORS:
            run_end += 1
        end = run_end
        while end < n and line[end] in _CLOSERS:
            end += 1
        if end >= n:
            break  # the tail is the last sentence anyway
        glued = not line[end].isspace()
        if glued and not _is_arabic_letter(line[end]):
            i = end  # "3.5", "a.m.", "!Stop": no boundary
            continue
        mark = _Mark(line, start, i, run_end, end)
        number = None if glued else mark.list_marker(list_number)
        if number is not None:
            list_number = number
        elif mark.ends_sentence(glued):
            piece = line[start:end].strip()
            if piece:
                sentences.append(piece)
            start = end
            list_number = None
        i = end
    tail = line[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_arabic_letter(char: str) -> bool:
    return (
        "\u0620" <= char <= "\u064a" or "\u066e" <= char <= "\u06d3" or "\u06fa" <= char <= "\u06ff"
    )


class _Mark:
    """One run of terminators in a line, with what the decision needs around it.

    ``line[mark:run_end]`` is the run (". " or "؟!" or "..."), ``line[run_end:end]`` the
    closing quotes and brackets after it, ``line[start:mark]`` the sentence so far.
    """

    def __init__(self, line: str, start: int, mark: int, run_end: int, end: int) -> None:
        self.line = line
        self.start = start
        self.mark = mark
        self.end = end
        self.run = line[mark:run_end]
        self.closers = line[run_end:end]
        word_start = mark
        while word_start > max(start, mark - _MAX_WORD) and not line[word_start - 1].isspace():
            word_start -= 1
        self.word_start = word_start
        self.word = line[word_start:mark]
        self.bare = self.word.lstrip(_OPENERS).replace(_TATWEEL, "")
        # A token longer than _MAX_WORD is no abbreviation, whatever it ends with.
        self.truncated = word_start > start and not line[word_start - 1].isspace()

    def _char_before(self, index: int) -> str:
        """The last non-space character of the sentence before ``index`` (within reach)."""
        j = index
        while j > max(self.start, index - _MAX_WORD) and self.line[j - 1].isspace():
            j -= 1
        return self.line[j - 1] if j > self.start else ""

    def _after_vitamin(self) -> bool:
        # Vitamins are named by letters (فيتامين أ، ج، د، ه), which are no titles.
        j = self.word_start
        while j > max(self.start, self.word_start - _MAX_WORD) and self.line[j - 1].isspace():
            j -= 1
        return self.line[max(self.start, j - 7) : j] == "فيتامين"

    def _next_word(self) -> str:
        match = _NEXT_WORD_RE.match(self.line, self.end)
        return match.group(1) if match else ""

    def _first_in_sentence(self) -> bool:
        j = self.word_start
        while j > self.start and self.line[j - 1].isspace():
            j -= 1
        return j == self.start

    def list_marker(self, previous: int | None) -> int | None:
        """The number, when ``N.`` here numbers a list item rather than ending a sentence:
        at the start of a sentence ("1. …"), as the first item after a colon
        ("مراحل: 1. …"), or as the item after the previous one ("… 2. …")."""
        if self.run != "." or self.closers or not _DIGITS_RE.match(self.word):
            return None
        number = int(self.word)
        if self._first_in_sentence():
            return number
        if previous is not None and number == previous + 1:
            return number
        if number == 1 and self._char_before(self.word_start) in (":", "："):
            return number
        return None

    def ends_sentence(self, glued: bool) -> bool:
        if any(c in "!?؟" for c in self.run):
            return not self._quoted_with_attribution()
        if "…" in self.run or self.run.startswith(".."):
            return self._ellipsis_ends()
        if glued:
            return self._glued_period_ends()
        return self._period_ends()

    def _quoted_with_attribution(self) -> bool:
        # "يوجد قرش في المياه!" كما أضاف هاميل: the quotation is the object of the verb.
        if not any(c in _QUOTES for c in self.closers):
            return False
        words = self.line[self.end : self.end + 40].split()[:2]
        if words and _strip_harakat(words[0]) in ("كما", "هكذا"):
            words = words[1:]
        if not words:
            return False
        word = _strip_harakat(words[0]).rstrip("،,:" + _TERMINATORS + _CLOSERS)
        # "وقال …" after a quotation opens the next sentence in news style.
        return word in _ATTRIBUTION

    def _ellipsis_ends(self) -> bool:
        if self._char_before(self.mark) in _CLAUSE_MARKS:
            return False  # "قال، ... ثم": an omission inside the sentence
        if self.bare in _ARABIC_ABBREVIATIONS:
            return False  # "إلخ..." is "etc."
        following = self._next_word().rstrip(_CLOSERS + _TERMINATORS + "،,")
        return following not in _ARABIC_ABBREVIATIONS and following.lower() != "etc"

    def _glued_period_ends(self) -> bool:
        # "المرض.وفي": a missing space after a full stop. Single letters joined by
        # dots are abbreviations (أ.د.محمد, ق.م.), as are known words (إلخ.).
        if self.truncated or not self.bare:
            return True
        segment = self.bare.rsplit(".", 1)[-1].rstrip(_CLOSERS)
        if len(segment) < 2 or segment in _ARABIC_ABBREVIATIONS:
            return False
        return segment.lower() not in _ABBREVIATIONS

    def _period_ends(self) -> bool:
        bare = self.bare
        if not bare or self.truncated:
            return True
        if bare.lower() in _ABBREVIATIONS or bare in _ARABIC_ABBREVIATIONS:
            return False
        if _is_dotted_arabic(bare) and not (len(bare) == 1 and self._after_vitamin()):
            return False  # د. أ. م. ه. ص.ب ق.م أ.د ج.م.ع, but not "فيتامين د."
        if _DOTTED_LATIN_RE.fullmatch(bare):
            return False  # "U.S" of "U.S."
        following = self._next_word()
        if len(bare) == 1 and bare.isascii() and bare.isalpha():
            return self._latin_letter_ends(bare, following)
        first = following[:1]
        # Latin text continuing in lower case is no new sentence.
        return not (first.isascii() and first.isalpha() and first.islower())

    def _latin_letter_ends(self, letter: str, following: str) -> bool:
        """A single Latin letter before a full stop: an initial ("J. Smith") only when a
        capitalised Latin name follows; "…على A. يبين هذا" and "grade u. The" end."""
        first = following[:1]
        if letter.isupper():
            word = following.rstrip(_CLOSERS + _TERMINATORS + ",;:").lower()
            return not (first.isascii() and first.isupper() and word not in _SENTENCE_STARTERS)
        if first.isdigit():
            return False  # "p. 12", "c. 1500"
        return not (first.isascii() and first.isalpha() and first.islower())


def _is_dotted_arabic(word: str) -> bool:
    """Whether ``word`` is one Arabic letter, or single letters joined by dots."""
    parts = word.split(".")
    return all(len(p) == 1 and _is_arabic_letter(p) for p in parts)


def _strip_harakat(word: str) -> str:
    return _HARAKAT_RE.sub("", word)


def cut_long_sentence(
    sentence: str, max_tokens: int, count_tokens: Callable[[str], int]
) -> list[str]:
    """Cut ``sentence`` into pieces of at most ``max_tokens`` tokens where possible.

    Cuts prefer semicolons (``؛`` joins clauses that could stand alone), then other
    clause punctuation, then conjunctions, then spaces; a run without spaces is cut by
    characters. Pieces are packed greedily, so each part is measured a bounded number of
    times and the cost stays linear.
    """
    if count_tokens(sentence) <= max_tokens:
        return [sentence]
    return list(_pack(sentence, max_tokens, count_tokens, level=0))


_SPLITTERS: tuple[Callable[[str], list[str]], ...] = (
    lambda text: _SEMICOLON_RE.split(text),
    lambda text: _CLAUSE_RE.split(text),
    lambda text: _CONJUNCTION_RE.split(text),
    lambda text: _SPACE_RE.split(text),
)


def _pack(
    text: str, max_tokens: int, count_tokens: Callable[[str], int], level: int
) -> Iterator[str]:
    if level >= len(_SPLITTERS):
        yield from _cut_characters(text, max_tokens, count_tokens)
        return
    parts = [p for p in _SPLITTERS[level](text) if p.strip()]
    current: list[str] = []
    current_tokens = 0
    for part in parts:
        tokens = count_tokens(part)
        if tokens > max_tokens:
            if current:
                yield " ".join(current)
                current, current_tokens = [], 0
            yield from _pack(part, max_tokens, count_tokens, level + 1)
            continue
        if current and current_tokens + tokens > max_tokens:
            yield " ".join(current)
            current, current_tokens = [], 0
        current.append(part.strip())
        current_tokens += tokens
    if current:
        yield " ".join(current)


def _cut_characters(
    text: str, max_tokens: int, count_tokens: Callable[[str], int]
) -> Iterator[str]:
    # A token covers at least one character, so max_tokens characters always fit; try a
    # larger window first to keep pieces reasonably long.
    window = max(1, max_tokens * 4)
    start = 0
    while start < len(text):
        size = min(window, len(text) - start)
        while size > max_tokens and count_tokens(text[start : start + size]) > max_tokens:
            size = max(max_tokens, size // 2)
        yield text[start : start + size]
        start += size


def count_words(text: str) -> int:
    """A tokenizer-free length, for splitting without a model loaded."""
    return len(text.split()) or (1 if text else 0)
