"""Check the name-consistency documents and measure how the toy models render their names.

    python benchmarks/names/check_data.py                # check, then run both toy models
    python benchmarks/names/check_data.py --no-models    # only check the file
    python benchmarks/names/check_data.py --models toy-news --show   # print every output too

Checks (any failure: exit status 1):

- ``data/documents.jsonl`` is UTF-8 with LF line endings, one JSON object per line with the
  keys ``id``, ``ar``, ``en``, ``names`` and optionally ``traps``; ids unique (``d001``…);
  3–8 sentences per document, ``ar`` and ``en`` of the same length, no empty sentence;
- every ``names`` entry has ``english``, ``arabic`` (a non-empty list of distinct forms),
  ``held_out`` and ``type`` (person, place, organization); every Arabic form occurs in the
  document's Arabic as a whole word, bare or after a proclitic (و ف, then ب ل ك); every
  ``english`` occurs in the document's references; ``held_out`` agrees with the toy world;
- every name of the toy world (people's surnames, cities, countries, agencies, summit
  organisations) written in the Arabic is listed, under its English, and so is every form
  of a held-out person that another document lists;
- every held-out person occurs two to four times in its document; every trap occurs as a
  whole word;
- no Arabic sentence is a line of the toy corpora's dev/test files or of the fidelity set
  (or of a regenerated ``train.ar`` given with ``--train-dir``), and no sentence occurs
  twice in the file.

Then, for each toy model (no glossary at all: the :class:`translate.Translator` is built
without one), every document's sentences are translated with ``translate_lines`` and the
script prints the share of sentences equal to their reference, and for each held-out person
of each document the set of English renderings the model gave it in that document. A
rendering is found by a word diff: reference and output are cut into tokens
(:func:`tokenize`), aligned with :class:`difflib.SequenceMatcher`, and a mention of the
reference's name (its English, e.g. ``Patrushev``) that falls in an unchanged stretch was
rendered correctly; one that falls in a changed stretch was rendered as the name-like words
the output has in its place (words with a capital letter that are not other words of the toy
world's English such as ``Kazakh``, ``Foreign`` or ``Minister``, and without first names of
the toy world's people, so that "Steve Witkoff" and "Witkoff" count as one rendering);
``∅`` when the output has nothing there. A (document, person) pair is *consistent* when all
its mentions got the same rendering.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
DATA = HERE / "data" / "documents.jsonl"
TOY = REPO_ROOT / "benchmarks" / "toy"
NOVELTY_FILES = (
    REPO_ROOT / "benchmarks" / "toy" / "data" / "dev.ar",
    REPO_ROOT / "benchmarks" / "toy" / "data" / "test.ar",
    REPO_ROOT / "benchmarks" / "toy_translit" / "data" / "dev.ar",
    REPO_ROOT / "benchmarks" / "toy_translit" / "data" / "test.ar",
    REPO_ROOT / "benchmarks" / "fidelity" / "data" / "fidelity.ar",
)
ENGLISH_FILES = (
    REPO_ROOT / "benchmarks" / "toy" / "data" / "dev.en",
    REPO_ROOT / "benchmarks" / "toy" / "data" / "test.en",
)

DOC_KEYS = {"id", "ar", "en", "names"}
OPTIONAL_DOC_KEYS = {"traps"}
NAME_KEYS = {"english", "arabic", "held_out", "type"}
TYPES = ("person", "place", "organization")
EMPTY = "∅"
# Proclitics a name can carry here: a conjunction, then a preposition (وب، ول، فب…).
PROCLITIC = "(?:[وف]?[بلك]?)"
# Characters that continue a word: letters and digits of any script (so Arabic letters, but
# not the Arabic comma ، or question mark ؟) and the Arabic diacritics.
ARABIC_WORD = r"\w\u064b-\u0652\u0670"


# ---------------------------------------------------------------------------------------------
# The toy world


def toy_lexicon() -> Any:
    sys.path.insert(0, str(TOY))
    try:
        import toy_lexicon as lexicon  # benchmarks/toy is not a package
    finally:
        sys.path.remove(str(TOY))
    return lexicon


@dataclass(frozen=True)
class WorldName:
    english: str
    type: str
    held_out: bool


def _agency_name(arabic: str) -> str:
    """'وكالة مهر للأنباء' -> 'مهر': the proper name without 'agency', 'channel', 'site'."""
    words = arabic.split()
    if words[0] in ("وكالة", "قناة", "موقع"):
        words = words[1:]
    if words[-1] == "للأنباء":
        words = words[:-1]
    return " ".join(words)


# English of the agencies as the names list gives them (the proper name, as in the reference).
AGENCY_ENGLISH = {
    "TASS": "TASS",
    "RIA Novosti": "RIA Novosti",
    "IRNA": "IRNA",
    "Mehr News Agency": "Mehr",
    "Fars News Agency": "Fars",
    "Xinhua": "Xinhua",
    "Anadolu Agency": "Anadolu",
    "Reuters": "Reuters",
    "Press TV": "Press TV",
    "Al-Monitor": "Al-Monitor",
}


def world_forms() -> dict[str, WorldName]:
    """Every Arabic form of a name of the toy world: people's surnames, cities, countries,
    agencies, summit organisations and the Middle East."""
    lex = toy_lexicon()
    forms: dict[str, WorldName] = {}
    for people, held_out in ((lex.TRAINING_PEOPLE, False), (lex.HELD_OUT_PEOPLE, True)):
        for person in people:
            for form in person.last_ar:
                forms[form] = WorldName(person.last_en, "person", held_out)
    for english, arabic in lex.CITIES:
        for form in arabic.split("|"):
            forms[form] = WorldName(english, "place", False)
    for country in lex.COUNTRIES:
        forms[country.name_ar] = WorldName(country.name_en, "place", False)
    forms["الشرق الأوسط"] = WorldName("Middle East", "place", False)
    for english, arabic in lex.AGENCIES:
        forms[_agency_name(arabic)] = WorldName(AGENCY_ENGLISH[english], "organization", False)
    for english, arabic in lex.ORGANISATIONS:
        for form in arabic.split("|"):
            forms[form] = WorldName(english, "organization", False)
    return forms


def held_out_people() -> dict[str, tuple[str, ...]]:
    """English surname -> the Arabic forms the toy world (and its glossary) lists."""
    return {p.last_en: p.last_ar for p in toy_lexicon().HELD_OUT_PEOPLE}


def first_names() -> frozenset[str]:
    lex = toy_lexicon()
    words: set[str] = set()
    for person in (*lex.TRAINING_PEOPLE, *lex.HELD_OUT_PEOPLE):
        words.update(tokenize(person.first_en))
    return frozenset(words)


def people_words() -> frozenset[str]:
    lex = toy_lexicon()
    words: set[str] = set()
    for person in (*lex.TRAINING_PEOPLE, *lex.HELD_OUT_PEOPLE):
        words.update(tokenize(f"{person.first_en} {person.last_en}"))
    return frozenset(words)


def multiword_surnames() -> tuple[str, ...]:
    """Surnames of the toy world written as two words (Wang Yi, Mao Ning, Lin Jian)."""
    lex = toy_lexicon()
    return tuple(
        p.last_en for p in (*lex.TRAINING_PEOPLE, *lex.HELD_OUT_PEOPLE) if " " in p.last_en
    )


MULTIWORD_SURNAMES = multiword_surnames()


def non_name_vocabulary() -> frozenset[str]:
    """Words of the toy corpus's English (dev and test) that are not parts of people's names
    (so titles, countries, cities, agencies…)."""
    vocabulary: set[str] = set()
    for path in ENGLISH_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            vocabulary.update(tokenize(line))
    return frozenset(vocabulary - people_words())


# ---------------------------------------------------------------------------------------------
# Text helpers


def _fidelity_checks() -> dict[str, Any]:
    """The names of benchmarks/fidelity/check_data.py, whose tokenizer this set shares
    (run by path: benchmarks/ is not a package)."""
    import runpy

    global _FIDELITY
    if _FIDELITY is None:
        _FIDELITY = runpy.run_path(str(HERE.parent / "fidelity" / "check_data.py"))
    return _FIDELITY


_FIDELITY: dict[str, Any] | None = None


def punctuation() -> str:
    """The marks the fidelity set's tokenizer splits off, each a token of its own."""
    marks: str = _fidelity_checks()["PUNCTUATION"]
    return marks


def tokenize(text: str) -> list[str]:
    """Whitespace words, with leading and trailing punctuation split off one mark at a time
    (the fidelity set's rule, the same punctuation)."""
    words: list[str] = _fidelity_checks()["tokenize"](text)
    return words


def form_pattern(form: str) -> re.Pattern[str]:
    """A whole-word occurrence of ``form``, bare or after a proclitic; group 1 is the clitic."""
    body = r"\s+".join(re.escape(word) for word in form.split())
    return re.compile(rf"(?<![{ARABIC_WORD}])({PROCLITIC}){body}(?![{ARABIC_WORD}])")


def occurrences(form: str, sentences: Iterable[str]) -> list[tuple[int, str]]:
    """(sentence index, proclitic) of every occurrence of ``form``."""
    pattern = form_pattern(form)
    return [(i, m.group(1)) for i, s in enumerate(sentences) for m in pattern.finditer(s)]


def english_positions(tokens: Sequence[str], english: str) -> list[int]:
    """Start indices of ``english`` (one or more words) in a token list."""
    needle = tokenize(english)
    return [
        i
        for i in range(len(tokens) - len(needle) + 1)
        if list(tokens[i : i + len(needle)]) == needle
    ]


# ---------------------------------------------------------------------------------------------
# Checking the file


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, where: str, text: str) -> None:
        self.problems.append(f"{where}: {text}")


def read_documents(path: Path, report: Report) -> list[dict[str, Any]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        report.problem(path.name, f"not UTF-8 ({exc})")
        text = raw.decode("utf-8", errors="replace")
    if "\r" in text:
        report.problem(path.name, "has CR characters (LF line endings expected)")
    if text and not text.endswith("\n"):
        report.problem(path.name, "no final newline")
    documents = []
    for n, row in enumerate(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"), 1):
        try:
            document = json.loads(row)
        except json.JSONDecodeError as exc:
            report.problem(f"{path.name} line {n}", f"not JSON ({exc})")
            continue
        if not isinstance(document, dict):
            report.problem(f"{path.name} line {n}", "not a JSON object")
            continue
        documents.append(document)
    return documents


def check_document(doc: dict[str, Any], world: dict[str, WorldName], report: Report) -> bool:
    """Shape and content of one document; False when it is too broken to look further."""
    where = str(doc.get("id", "?"))
    keys = set(doc)
    if not DOC_KEYS <= keys <= DOC_KEYS | OPTIONAL_DOC_KEYS:
        report.problem(where, f"keys {sorted(keys)} (expected {sorted(DOC_KEYS)} [+ traps])")
        return False
    if not isinstance(doc["id"], str) or not re.fullmatch(r"d\d{3}", doc["id"]):
        report.problem(where, "id must look like d001")
    ar, en = doc["ar"], doc["en"]
    if not (isinstance(ar, list) and isinstance(en, list)):
        report.problem(where, "ar and en must be lists of sentences")
        return False
    if not all(isinstance(s, str) and s.strip() == s and s for s in (*ar, *en)):
        report.problem(where, "sentences must be non-empty strings without outer whitespace")
        return False
    if len(ar) != len(en):
        report.problem(where, f"{len(ar)} Arabic and {len(en)} English sentences")
    if not 3 <= len(ar) <= 8:
        report.problem(where, f"{len(ar)} sentences (3 to 8 expected)")
    listed: dict[str, str] = {}
    englishes: set[str] = set()
    held = held_out_people()
    for entry in doc["names"]:
        if not isinstance(entry, dict) or set(entry) != NAME_KEYS:
            report.problem(where, f"names entry {entry!r} needs exactly {sorted(NAME_KEYS)}")
            continue
        english, forms = entry["english"], entry["arabic"]
        if english in englishes:
            report.problem(where, f"{english} listed twice")
        englishes.add(english)
        if entry["type"] not in TYPES:
            report.problem(where, f"{english}: type {entry['type']!r} not one of {TYPES}")
        if not isinstance(entry["held_out"], bool):
            report.problem(where, f"{english}: held_out must be true or false")
        elif entry["held_out"] != (english in held):
            report.problem(where, f"{english}: held_out is {entry['held_out']}")
        if not isinstance(forms, list) or not forms or len(set(forms)) != len(forms):
            report.problem(where, f"{english}: arabic must be a non-empty list of distinct forms")
            continue
        for form in forms:
            listed[form] = english
            if not occurrences(form, ar):
                report.problem(where, f"{english}: form {form} does not occur in the Arabic")
            known = world.get(form)
            if known is not None and known.english != english:
                report.problem(where, f"form {form} is {known.english} in the toy world")
        if not any(english in sentence for sentence in en):
            report.problem(where, f"{english} does not occur in the references")
        if entry["held_out"] is True:
            mentions = sum(len(occurrences(form, ar)) for form in forms)
            if not 2 <= mentions <= 4:
                report.problem(where, f"held-out {english} occurs {mentions} time(s), not 2-4")
    for form, name in world.items():
        if form not in listed and occurrences(form, ar):
            # A shorter form inside a listed longer one (none in this world) would be fine.
            report.problem(where, f"{name.english} ({form}) occurs but is not listed")
    for trap in doc.get("traps", []):
        if not isinstance(trap, str) or not re.search(
            rf"(?<![{ARABIC_WORD}]){re.escape(trap)}(?![{ARABIC_WORD}])", " ".join(ar)
        ):
            report.problem(where, f"trap {trap!r} is not a word of the Arabic")
    return True


def check_all(
    path: Path, extra_novelty: Sequence[Path] = ()
) -> tuple[list[dict[str, Any]], Report]:
    report = Report()
    documents = read_documents(path, report)
    world = world_forms()
    ids = Counter(str(d.get("id")) for d in documents)
    for doc_id, count in ids.items():
        if count > 1:
            report.problem(doc_id, f"id used {count} times")
    good = [d for d in documents if check_document(d, world, report)]
    # A held-out form listed anywhere (an unlisted variant such as باتروشوف) must be listed
    # wherever it occurs.
    variant_of: dict[str, str] = {}
    for doc in good:
        for entry in doc["names"]:
            if entry.get("held_out") is True:
                for form in entry["arabic"]:
                    if form not in world:  # the world's own forms are checked above
                        variant_of.setdefault(form, entry["english"])
    for doc in good:
        listed = {f for e in doc["names"] for f in e.get("arabic", [])}
        for form, english in variant_of.items():
            if form not in listed and occurrences(form, doc["ar"]):
                report.problem(doc["id"], f"{english} ({form}) occurs but is not listed")
    seen: dict[str, str] = {}
    for doc in good:
        for sentence in doc["ar"]:
            if sentence in seen:
                report.problem(doc["id"], f"sentence also in {seen[sentence]}: {sentence}")
            seen.setdefault(sentence, doc["id"])
    for novelty in (*NOVELTY_FILES, *extra_novelty):
        if novelty.exists():
            lines = set(novelty.read_text(encoding="utf-8").splitlines())
            for sentence, doc_id in seen.items():
                if sentence in lines:
                    report.problem(doc_id, f"sentence is a line of {novelty.name}: {sentence}")
    return good, report


def describe(documents: Sequence[dict[str, Any]]) -> list[str]:
    """Counts of the corpus."""
    held = held_out_people()
    sentences = sum(len(d["ar"]) for d in documents)
    pairs = mentions = clitic_mentions = 0
    unlisted_docs = two_spelling = held_two_spelling = known_only = 0
    per_person: Counter[str] = Counter()
    types: Counter[str] = Counter()
    unlisted_forms: set[str] = set()
    for doc in documents:
        has_unlisted = has_two = has_held_two = has_held = False
        for entry in doc["names"]:
            types[entry["type"]] += 1
            if entry["type"] == "person" and len(entry["arabic"]) > 1:
                has_two = True
            if not entry["held_out"]:
                continue
            has_held = True
            has_held_two = has_held_two or len(entry["arabic"]) > 1
            pairs += 1
            per_person[entry["english"]] += 1
            for form in entry["arabic"]:
                found = occurrences(form, doc["ar"])
                mentions += len(found)
                clitic_mentions += sum(1 for _, clitic in found if clitic)
                if form not in held[entry["english"]]:
                    has_unlisted = True
                    unlisted_forms.add(form)
        unlisted_docs += has_unlisted
        two_spelling += has_two
        held_two_spelling += has_held_two
        known_only += not has_held
    traps = Counter(t for d in documents for t in d.get("traps", []))
    return [
        f"{len(documents)} documents, {sentences} sentences "
        f"({min(len(d['ar']) for d in documents)}–{max(len(d['ar']) for d in documents)} "
        "per document)",
        f"names listed: {sum(types.values())} " + ", ".join(f"{t} {types[t]}" for t in TYPES),
        f"(document, held-out person) pairs: {pairs}; held-out mentions: {mentions}, "
        f"{clitic_mentions} of them with a proclitic",
        "pairs per held-out person: "
        + ", ".join(f"{name} {count}" for name, count in per_person.most_common()),
        f"documents with a person spelled two ways: {two_spelling} "
        f"(a held-out person: {held_two_spelling})",
        f"documents with a held-out spelling the toy world does not list: {unlisted_docs} "
        f"({', '.join(sorted(unlisted_forms))})",
        f"documents with known people only: {known_only}",
        f"documents with traps: {sum(1 for d in documents if d.get('traps'))} "
        f"({', '.join(f'{t} {c}' for t, c in traps.most_common())})",
    ]


# ---------------------------------------------------------------------------------------------
# Renderings


def name_like(
    tokens: Sequence[str], non_names: frozenset[str], firsts: frozenset[str], skip: int = 0
) -> str:
    """The rendering a changed stretch of output gives a name (see the module docstring).

    ``skip`` is the number of first-name words of the reference inside the stretch (as in
    "Sergei Ryabkov" -> "Sirgi Rabkov"): that many leading name-like words are dropped, as
    long as one is left."""
    words = [
        t
        for t in tokens
        if t not in punctuation() and any(c.isupper() for c in t) and t not in non_names
    ]
    joined = " ".join(words)
    for surname in MULTIWORD_SURNAMES:  # "Mao Ning" for "Maria Zakharova": keep it whole
        if joined == surname or joined.endswith(f" {surname}"):
            return surname
    words = words[min(skip, max(0, len(words) - 1)) :]
    surnames = [w for w in words if w not in firsts]
    kept = surnames or words
    return " ".join(kept) if kept else EMPTY


def renderings(
    reference: str,
    output: str,
    english: str,
    non_names: frozenset[str],
    firsts: frozenset[str],
) -> list[str]:
    """How ``output`` renders each occurrence of ``english`` in ``reference``."""
    ref, hyp = tokenize(reference), tokenize(output)
    width = len(tokenize(english))
    opcodes = difflib.SequenceMatcher(None, ref, hyp, autojunk=False).get_opcodes()
    found = []
    for start in english_positions(ref, english):
        span = set(range(start, start + width))
        changed: list[str] = []
        skip = 0
        unchanged = True
        for tag, i1, i2, j1, j2 in opcodes:
            if tag in ("equal", "insert") or not span & set(range(i1, i2)):
                continue
            unchanged = False
            changed.extend(hyp[j1:j2])
            # First names of the reference that the same stretch replaced.
            skip += sum(1 for i in range(i1, start) if ref[i] in firsts)
        found.append(english if unchanged else name_like(changed, non_names, firsts, skip))
    return found


def name_positions(
    reference: Sequence[str], englishes: Iterable[str], firsts: frozenset[str]
) -> set[int]:
    """Reference tokens that belong to a name: each listed English rendering, with the first
    names written before a person's surname."""
    covered: set[int] = set()
    for english in englishes:
        width = len(tokenize(english))
        for start in english_positions(reference, english):
            covered.update(range(start, start + width))
            i = start - 1
            while i >= 0 and reference[i] in firsts:
                covered.add(i)
                i -= 1
    return covered


def right_but_names(
    reference: str,
    output: str,
    englishes: Sequence[str],
    non_names: frozenset[str],
    firsts: frozenset[str],
) -> bool:
    """The output equals the reference apart from its names: every changed stretch replaces
    name words only, with name-like words or nothing (the rule of the fidelity set)."""
    ref, hyp = tokenize(reference), tokenize(output)
    names = name_positions(ref, englishes, firsts)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, ref, hyp, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            continue
        if i2 == i1 or not all(i in names for i in range(i1, i2)):
            return False
        if any(t in punctuation() or t in non_names for t in hyp[j1:j2]):
            return False
    return True


@dataclass
class PairResult:
    doc: str
    english: str
    held_out: bool
    renderings: list[str]

    @property
    def distinct(self) -> list[str]:
        return sorted(set(self.renderings), key=self.renderings.index)

    @property
    def consistent(self) -> bool:
        return len(set(self.renderings)) == 1

    @property
    def correct(self) -> bool:
        return set(self.renderings) == {self.english}


def translate_documents(
    model: str, documents: Sequence[dict[str, Any]], threads: int
) -> list[list[str]]:
    from translate import TranslationOptions, Translator

    translator = Translator(model, TranslationOptions(threads=threads), offline=True)
    outputs = []
    for doc in documents:
        outputs.append([r.text for r in translator.translate_lines(doc["ar"])])
    return outputs


def measure(
    model: str, documents: Sequence[dict[str, Any]], outputs: Sequence[Sequence[str]], show: bool
) -> dict[str, Any]:
    non_names = non_name_vocabulary()
    firsts = first_names()
    exact = total = but_names = 0
    known_total = known_exact = 0
    pairs: list[PairResult] = []
    for doc, hyps in zip(documents, outputs):
        if show:
            print(f"--- {doc['id']}")
        englishes = [e["english"] for e in doc["names"]]
        held_forms = [f for e in doc["names"] if e["held_out"] for f in e["arabic"]]
        for source, reference, output in zip(doc["ar"], doc["en"], hyps):
            total += 1
            same = output.strip() == reference
            exact += same
            but_names += right_but_names(reference, output, englishes, non_names, firsts)
            if not any(occurrences(form, [source]) for form in held_forms):
                known_total += 1
                known_exact += same
            if show:
                print(f"  {'=' if same else '≠'} {output}")
        for entry in doc["names"]:
            if entry["type"] != "person":
                continue
            found: list[str] = []
            for reference, output in zip(doc["en"], hyps):
                found.extend(renderings(reference, output, entry["english"], non_names, firsts))
            pairs.append(PairResult(doc["id"], entry["english"], entry["held_out"], found))
    held = [p for p in pairs if p.held_out]
    known = [p for p in pairs if not p.held_out]
    print(f"\n== {model} (no glossary)")
    print(f"sentences equal to the reference: {exact}/{total} ({exact / total:.1%})")
    print(
        f"  of the {known_total} without a held-out person: {known_exact} "
        f"({known_exact / max(1, known_total):.1%}); all sentences equal to the reference "
        f"apart from names: {but_names} ({but_names / total:.1%})"
    )
    print("held-out people, renderings per document (mentions: rendering ×count):")
    for p in held:
        counts = Counter(p.renderings)
        shown = "; ".join(f"{r} ×{counts[r]}" for r in p.distinct)
        flag = "ok " if p.correct else ("one" if p.consistent else f"{len(p.distinct)}x ")
        print(f"  {p.doc} {p.english:<10} {flag} {shown}")
    summary: dict[str, Any] = {
        "model": model,
        "sentences": total,
        "exact": exact,
        "sentences_without_held_out": known_total,
        "exact_without_held_out": known_exact,
        "right_but_names": but_names,
        "held_out_pairs": len(held),
        "held_out_consistent": sum(p.consistent for p in held),
        "held_out_correct": sum(p.correct for p in held),
        "held_out_two_or_more": sum(len(p.distinct) >= 2 for p in held),
        "known_pairs": len(known),
        "known_consistent": sum(p.consistent for p in known),
        "known_correct": sum(p.correct for p in known),
        "known_mentions": sum(len(p.renderings) for p in known),
        "known_mentions_correct": sum(r == p.english for p in known for r in p.renderings),
    }
    s = summary
    share = s["held_out_consistent"] / max(1, s["held_out_pairs"])
    print(
        f"held-out (document, person) pairs: {s['held_out_pairs']}; rendered one way: "
        f"{s['held_out_consistent']} ({share:.1%}), "
        f"of them correctly: {s['held_out_correct']}; rendered 2+ ways: "
        f"{s['held_out_two_or_more']}"
    )
    print(
        f"known (document, person) pairs: {s['known_pairs']}; rendered one way: "
        f"{s['known_consistent']} ({s['known_consistent'] / max(1, s['known_pairs']):.1%}), "
        f"correctly: {s['known_correct']}; known mentions right: "
        f"{s['known_mentions_correct']}/{s['known_mentions']}"
    )
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the documents.jsonl to check")
    parser.add_argument(
        "--models", nargs="*", default=["toy-news", "toy-translit"], help="toy models to run"
    )
    parser.add_argument("--no-models", action="store_true", help="only check the file")
    parser.add_argument(
        "--train-dir",
        type=Path,
        action="append",
        default=[],
        help="a regenerated toy corpus (train.ar) to check novelty against; repeatable",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--show", action="store_true", help="print every model output")
    parser.add_argument("--json", type=Path, help="also write the model summaries here")
    args = parser.parse_args(argv)

    documents, report = check_all(args.data, [d / "train.ar" for d in args.train_dir])
    for line in describe(documents):
        print(line)
    summaries = []
    if not args.no_models and not report.problems:
        for model in args.models:
            outputs = translate_documents(model, documents, args.threads)
            summaries.append(measure(model, documents, outputs, args.show))
    if args.json:
        args.json.write_text(json.dumps(summaries, indent=2) + "\n", encoding="utf-8")
    for problem in report.problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
