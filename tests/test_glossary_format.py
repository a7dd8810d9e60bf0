"""Glossary files: schema, validation with file:line, bad input, overriding, digest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from translate.errors import GlossaryError
from translate.glossary import (
    Glossary,
    default_glossary_path,
    load_glossaries,
    load_glossary,
    parse_glossary_text,
)
from translate.glossary.yaml_reader import MAX_GLOSSARY_BYTES

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"

GOOD = """\
name: Desk names
description: Names our desk uses
version: 3
entries:
  - english: Sergei Shoigu
    arabic: [سيرغي شويغو, سيرجي شويغو]
    type: person
    note: defence minister
  - english: BRICS
    arabic: بريكس
    type: organization
  - english: epidemic
    arabic: [وباء]
    type: term
  - arabic: [COVID-19]
    keep: true
  - english: WHO
    arabic: [WHO]
    case_sensitive: true
    variants: false
"""


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(text: str) -> list[str]:
    _, problems = parse_glossary_text(text, "g.yaml")
    return [str(p) for p in problems if p.severity == "error"]


def test_good_file_reads_every_field() -> None:
    glossary, problems = parse_glossary_text(GOOD, "g.yaml")
    assert problems == []
    assert (glossary.name, glossary.description, glossary.version) == (
        "Desk names",
        "Names our desk uses",
        "3",
    )
    shoigu, brics, epidemic, covid, who = glossary.entries
    assert shoigu.forms == ("سيرغي شويغو", "سيرجي شويغو")
    assert (shoigu.type, shoigu.note, shoigu.line, shoigu.source) == (
        "person",
        "defence minister",
        5,
        "g.yaml",
    )
    assert brics.forms == ("بريكس",) and brics.type == "organisation"
    assert shoigu.variants and brics.variants and not epidemic.variants
    assert covid.keep and covid.english == "" and covid.rendering_for("COVID-19") == "COVID-19"
    assert who.case_sensitive and not who.variants


def test_readme_example_is_a_valid_glossary() -> None:
    readme = (ROOT / "glossaries" / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    glossary, problems = parse_glossary_text(block.group(1), "README.md")
    assert [p for p in problems if p.severity == "error"] == []
    assert len(glossary.entries) >= 5


ENTRY_PROBLEMS = [
    ("  - english: X\n    arabic: [س]\n    englsh: Y\n", 7, "unknown entry key 'englsh'"),
    ("  - english: X\n    arabic: [س]\n    englsh: Y\n", 7, "did you mean 'english'"),
    ("  - arabic: [س]\n", 5, "'english' is missing"),
    ("  - english: X\n", 5, "'arabic' is missing"),
    ("  - english: X\n    arabic: ['']\n", 6, "empty Arabic form"),
    ("  - english: X\n    arabic: []\n", 6, "lists no forms"),
    ("  - english: X\n    arabic: {a: b}\n", 6, "must be text, not a mapping"),
    ("  - english: [X]\n    arabic: س\n", 5, "'english' must be text, not a list"),
    ("  - english: ''\n    arabic: س\n", 5, "'english' is empty"),
    # YAML reads these as numbers (1.50 as 1.5): the rendering must be quoted.
    ("  - english: 123\n    arabic: س\n", 5, "'english' must be text, not int 123"),
    ("  - english: 1.50\n    arabic: س\n", 5, 'quote it: english: "1.5"'),
    ("  - english: X\n    arabic: س\n    keep: 'yes please'\n", 7, "'keep' must be true or false"),
    ("  - english: X\n    arabic: س\n    case_sensitive: 3\n", 7, "'case_sensitive' must be"),
    ("  - english: X\n    arabic: س\n    type: city\n", 7, "unknown type 'city'"),
    ("  - english: X\n    arabic: س\n    keep: true\n", 5, "has no 'english'"),
    ("  - just a string\n", 5, "an entry must be a mapping"),
    ("  - english: X\n    english: Y\n    arabic: س\n", 6, "duplicate key 'english'"),
]


@pytest.mark.parametrize(("entry", "line", "message"), ENTRY_PROBLEMS)
def test_entry_problems_are_located(entry: str, line: int, message: str) -> None:
    text = "name: t\nversion: 1\ndescription: d\nentries:\n" + entry
    if "duplicate key" in message:
        with pytest.raises(GlossaryError) as info:
            parse_glossary_text(text, "g.yaml")
        found = info.value.problems
    else:
        found = errors(text)
    assert any(p.startswith(f"g.yaml:{line}:") and message in p for p in found), found


FILE_PROBLEMS = [
    ("entries: []\nnmae: x\n", 2, "unknown file key 'nmae'"),
    ("name: x\n", 1, "'entries' is missing"),
    ("entries: {a: 1}\n", 1, "'entries' must be a list"),
    ("- english: X\n  arabic: س\n", 1, "top level must be a mapping"),
    ("", 1, "the file is empty"),
]


@pytest.mark.parametrize(("text", "line", "message"), FILE_PROBLEMS)
def test_file_problems_are_located(text: str, line: int, message: str) -> None:
    found = errors(text)
    assert any(p.startswith(f"g.yaml:{line}:") and message in p for p in found), found


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "entries:\n"
        "  - english: A\n    arabic: [شويغو]\n    colour: red\n"
        "  - english: B\n    arabic: ['']\n"
        "  - english: C\n    arabic: [شويغو]\n",
    )
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    problems = info.value.problems
    assert len(problems) == 3
    assert [p.split(":")[1] for p in problems] == ["4", "6", "7"]
    assert "nothing was translated" in str(info.value)


BAD_DOCUMENTS = [
    ("entries:\n  - english: [unclosed\n", "malformed YAML"),
    ("a: &x [1, 2]\nb: *x\n", "aliases"),
    ("entries: !!python/object:os.system {}\n", "tag"),
    ("entries: []\n---\nentries: []\n", "one YAML document"),
    ("entries: " + "[" * 100 + "]" * 100 + "\n", "nested too deeply"),
]


@pytest.mark.parametrize(("text", "message"), BAD_DOCUMENTS)
def test_unsafe_or_malformed_yaml_is_refused(text: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        parse_glossary_text(text, "g.yaml")


def test_billion_laughs_is_refused_without_expanding() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    with pytest.raises(GlossaryError, match=r"g\.yaml:2: YAML aliases"):
        parse_glossary_text("\n".join(lines) + "\n", "g.yaml")


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("entries:\n  - english: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(GlossaryError, match=r"latin1\.yaml:2: not valid UTF-8"):
        load_glossary(path)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + "entries:\n  - {english: X, arabic: [شويغو]}\n".encode())
    assert load_glossary(path).entries[0].english == "X"


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: 100 MB without writing 100 MB
        handle.truncate(100 * 1024 * 1024)
    assert path.stat().st_size > MAX_GLOSSARY_BYTES
    with pytest.raises(GlossaryError, match="larger than"):
        load_glossary(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="not found"):
        load_glossary(tmp_path / "nope.yaml")


CROSS_ENTRY = [
    (
        "  - {english: Shoigu, arabic: [شويغو]}\n  - {english: Shoygu, arabic: [شُويْغو]}\n",
        "two different renderings",
    ),
    (
        "  - {english: Ashtiani, arabic: [أشتياني]}\n  - {english: Ashtiyani, arabic: [اشتياني]}\n",
        "two different renderings",
    ),
    (
        "  - {english: BRICS, arabic: [بريكس]}\n  - {english: BRICS, arabic: [بريكس, البريكس]}\n",
        "duplicate entry",
    ),
    ("  - {english: X, arabic: [ـــ]}\n", "nothing is left of it"),
    ("  - {english: X, arabic: ['!!!']}\n", "no letters or digits"),
    # A decomposed hamza: the normaliser composes و + U+0654 into ؤ, folding drops U+0654.
    ('  - {english: X, arabic: ["مسو\\u0654ول"]}\n', "can never match"),
]


def test_letter_variants_the_normaliser_replaces_still_match() -> None:
    # ہ (heh goal) is normalised to ه, and the matcher folds it the same way (rules 3).
    glossary, problems = parse_glossary_text("entries:\n  - {english: X, arabic: [پشاور ہ]}\n", "g")
    assert [p for p in problems if p.severity == "error"] == []
    assert [m.rendering for m in glossary.matcher().find("وصل إلى پشاور ه أمس")] == ["X"]


@pytest.mark.parametrize(("entries", "message"), CROSS_ENTRY)
def test_cross_entry_errors(entries: str, message: str) -> None:
    found = errors("entries:\n" + entries)
    assert any(message in p for p in found), found


def test_a_form_listed_twice_in_one_entry_is_only_a_warning() -> None:
    glossary, problems = parse_glossary_text("entries:\n  - {english: Gaza, arabic: [غزة, غزه]}\n")
    assert [p.severity for p in problems] == ["warning"]
    assert "listed twice in this entry" in problems[0].message
    assert len(glossary.entries) == 1


def test_case_sensitive_forms_may_differ_only_in_case() -> None:
    text = (
        "entries:\n"
        "  - {english: World Health Organization, arabic: [WHO], case_sensitive: true}\n"
        "  - {english: who, arabic: [who], case_sensitive: true}\n"
    )
    assert errors(text) == []


def test_later_file_overrides_earlier_entry_with_warning(tmp_path: Path) -> None:
    first = write(
        tmp_path,
        "entries:\n  - {english: Shoigu, arabic: [شويغو, شويجو]}\n"
        "  - {english: BRICS, arabic: [بريكس]}\n",
        "first.yaml",
    )
    second = write(tmp_path, "entries:\n  - {english: Shoygu, arabic: [شويغو]}\n", "second.yaml")
    glossary = load_glossaries([first, second], include_default=False)
    assert [e.english for e in glossary.entries] == ["BRICS", "Shoygu"]
    (warning,) = glossary.warnings
    assert "second.yaml:2" in warning and "'Shoygu'" in warning
    assert "'Shoigu'" in warning and "first.yaml:2" in warning
    assert ": warning:" not in warning  # whoever shows it says it is a warning, once
    # The earlier entry is dropped whole: its other form no longer renders "Shoigu".
    renderings = {m.rendering for m in glossary.matcher().find("شويجو وشويغو")}
    assert renderings == {"Shoygu"}


def test_problems_of_all_files_are_listed_together(tmp_path: Path) -> None:
    one = write(tmp_path, "entries:\n  - {english: X}\n", "one.yaml")
    two = write(tmp_path, "entries:\n  - {arabic: [س]}\n", "two.yaml")
    with pytest.raises(GlossaryError) as info:
        load_glossaries([one, two], include_default=False)
    assert any(p.startswith("one.yaml:2") or "one.yaml:2" in p for p in info.value.problems)
    assert any("two.yaml:2" in p for p in info.value.problems)


def test_digest_tracks_behaviour_not_notes() -> None:
    base = "entries:\n  - {english: X, arabic: [شويغو], note: a}\n"
    digest = parse_glossary_text(base, "a.yaml")[0].digest
    assert re.fullmatch("[0-9a-f]{16}", digest)
    assert parse_glossary_text(base, "b.yaml")[0].digest == digest
    assert parse_glossary_text(base.replace("note: a", "note: b"), "a.yaml")[0].digest == digest
    assert parse_glossary_text(base.replace("X", "Y"), "a.yaml")[0].digest != digest
    changed = base.replace("note: a", "variants: false")
    assert parse_glossary_text(changed, "a.yaml")[0].digest != digest


def test_default_glossary_ships_and_is_clean() -> None:
    from translate.glossary.checks import check_files

    path = default_glossary_path()
    assert path.name == "default.yaml" and path.is_file()
    problems, (glossary,) = check_files([path])
    assert [str(p) for p in problems] == []
    assert len(glossary.entries) >= 300
    assert isinstance(load_glossaries([]), Glossary)
    assert load_glossaries([]).digest == glossary.digest
    assert len(load_glossaries([], include_default=False).entries) == 0


REQUIRED = [
    ("شويغو", "Shoigu"),
    ("شويجو", "Shoigu"),
    ("سيرغي شويغو", "Sergei Shoigu"),
    ("أشتياني", "Ashtiani"),
    ("محمد رضا أشتياني", "Mohammad Reza Ashtiani"),
    ("باتروشيف", "Patrushev"),
    ("نيكولاي باتروشيف", "Nikolai Patrushev"),
    ("أحمديان", "Ahmadian"),
    ("علي أكبر أحمديان", "Ali Akbar Ahmadian"),
    ("ريابكوف", "Ryabkov"),
    ("سيرغي ريابكوف", "Sergei Ryabkov"),
    ("بشار الأسد", "Bashar al-Assad"),
    ("منظمة شنغهاي للتعاون", "Shanghai Cooperation Organization"),
    ("بريكس", "BRICS"),
    ("البريكس", "BRICS"),
    ("ارنا", "IRNA"),
    ("إرنا", "IRNA"),
    ("تاس", "TASS"),
    ("ريا نوفوستي", "RIA Novosti"),
    ("وكالة الإعلام الروسية", "Russian news agency RIA"),
    ("وكالة مهر", "Mehr News Agency"),
    ("برس تي في", "Press TV"),
    ("المونيتور", "Al-Monitor"),
    ("سان بطرسبرج", "St. Petersburg"),
    ("سانت بطرسبرغ", "St. Petersburg"),
    ("كازاخستان", "Kazakhstan"),
]


@pytest.mark.parametrize(("arabic", "english"), REQUIRED)
def test_default_glossary_has_the_required_names(arabic: str, english: str) -> None:
    matches = load_glossaries([]).matcher().find(f"قال {arabic} اليوم")
    assert [(m.term, m.rendering) for m in matches] == [(arabic, english)]


@pytest.mark.skipif(not (SHARED / "sample-news.ar.txt").is_file(), reason="no ../shared/data")
def test_default_glossary_finds_every_name_of_the_sample_article() -> None:
    text = (SHARED / "sample-news.ar.txt").read_text(encoding="utf-8")
    found = {m.rendering for m in load_glossaries([]).matcher().find(text)}
    expected = {
        "Sergei Shoigu",
        "Shoigu",
        "Gharaei Ashtiani",
        "Ashtiani",
        "Nikolai Patrushev",
        "Ali Akbar Ahmadian",
        "Ahmadian",
        "Sergei Ryabkov",
        "Bashar al-Assad",
        "Shanghai Cooperation Organization",
        "BRICS",
        "IRNA",
        "TASS",
        "Russian news agency RIA",
        "Mehr News Agency",
        "Press TV",
        "Al-Monitor",
        "St. Petersburg",
        "Kazakhstan",
    }
    assert expected <= found
