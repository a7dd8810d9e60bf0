"""The toy-translit corpus (benchmarks/toy_translit/translit_generate.py).

The committed dev/test files must be exactly what the generator writes for its recorded seed
(in another process, with another hash seed), and no held-out surname, in either
script or as a near variant, may reach train or dev. The generator reads faker's name lists,
so these tests need faker (the ``train`` extra) at the version info.json records.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

faker = pytest.importorskip("faker")

REPO_ROOT = Path(__file__).resolve().parent.parent
HERE = REPO_ROOT / "benchmarks" / "toy_translit"
DATA = HERE / "data"
COMMITTED = ["dev.ar", "dev.en", "test.ar", "test.en", "test.terms.jsonl", "glossary.yaml"]
CLITICS = "وبل"
ARABIC_WORD = re.compile(r"[\u0600-\u06FF]+")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def load(name: str) -> ModuleType:
    """benchmarks/ is not a package; load a module of benchmarks/toy_translit by path."""
    module_name = f"toy_translit_{name}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(module_name, HERE / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module  # dataclasses look their module up while being created
        spec.loader.exec_module(module)
    return sys.modules[module_name]


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def info() -> dict[str, Any]:
    info = json.loads((DATA / "info.json").read_text(encoding="utf-8"))
    if info["faker_version"] != faker.VERSION:
        pytest.skip(f"the data was generated with faker {info['faker_version']}")
    return info


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory, info: dict[str, Any]) -> Path:
    """The full corpus, train included, regenerated from info.json by another interpreter
    with a fixed hash seed: its files must not depend on the process (set order...)."""
    out = tmp_path_factory.mktemp("toy_translit")
    script = (
        "import json, sys; from pathlib import Path;"
        f"sys.path.insert(0, {str(HERE)!r});"
        "import translit_generate as g;"
        f"info = json.loads(Path({str(DATA / 'info.json')!r}).read_text(encoding='utf-8'));"
        f"g.generate_from_info(info, Path({str(out)!r}))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, cwd=REPO_ROOT)
    return out


@pytest.mark.parametrize("name", [*COMMITTED, "info.json"])
def test_committed_files_are_what_the_generator_writes(regenerated: Path, name: str) -> None:
    assert (DATA / name).read_bytes() == (regenerated / name).read_bytes()


def test_splits_are_parallel_and_disjoint(regenerated: Path) -> None:
    seen: set[str] = set()
    for split in ("train", "dev", "test"):
        ar, en = lines(regenerated / f"{split}.ar"), lines(regenerated / f"{split}.en")
        assert len(ar) == len(en) > 0
        assert all(a.strip() and e.strip() for a, e in zip(ar, en, strict=True))
        assert not seen & set(ar), f"{split} repeats a line of another split"
        seen |= set(ar)


@pytest.fixture(scope="module")
def training_words(regenerated: Path) -> dict[str, Any]:
    """Latin words (lower case) and folded Arabic words (also without a leading clitic) of
    train and dev, and the folded Arabic text itself."""
    names = load("translit_names")
    arabic: set[str] = set()
    latin: set[str] = set()
    texts = []
    for split in ("train", "dev"):
        for suffix in ("ar", "en"):
            text = (regenerated / f"{split}.{suffix}").read_text(encoding="utf-8")
            latin.update(w.lower() for w in LATIN_WORD.findall(text))
            if suffix == "ar":
                folded = names.fold_arabic(text)
                texts.append(folded)
                for word in ARABIC_WORD.findall(folded):
                    arabic.add(word)
                    if word[:1] in CLITICS:
                        arabic.add(word[1:])
    return {"arabic": arabic, "latin": latin, "text": "\n".join(texts)}


def test_held_out_names_never_occur_in_train_or_dev(training_words: dict[str, Any]) -> None:
    names = load("translit_names")
    assert len(names.HELD_OUT_PEOPLE) >= 30
    for person in names.HELD_OUT_PEOPLE:
        assert person.last_en.lower() not in training_words["latin"], person.last_en
        for form in person.last_ar:
            folded = names.fold_arabic(form)
            assert folded not in training_words["arabic"], form
            if " " in folded:
                # A form of two words (حاجي زاده) as a phrase, with or without a clitic.
                pattern = rf"(?<![\u0600-\u06FF])[{CLITICS}]?{re.escape(folded)}(?![\u0600-\u06FF])"
                assert not re.search(pattern, training_words["text"]), form


def template_words() -> set[str]:
    """Folded Arabic words of the toy-news countries and cities (روسي، عراقي، إسلام آباد):
    template words, not names, even where they look like one (عراقي / عراقجي)."""
    names = load("translit_names")
    lexicon = sys.modules["toy_lexicon"]  # imported by translit_names from benchmarks/toy
    texts = [t for c in lexicon.COUNTRIES for t in (c.name_ar, c.adj_ar_m, c.adj_ar_f)]
    texts += [ar for _, ar in lexicon.CITIES]
    words: set[str] = set()
    for text in texts:
        for word in ARABIC_WORD.findall(names.fold_arabic(text.replace("|", " "))):
            words |= {word, word.removeprefix("ال")}
    return words


def test_no_training_word_is_a_near_variant_of_a_held_out_name(
    regenerated: Path, training_words: dict[str, Any]
) -> None:
    """No word of train/dev is a held-out surname, one edit away from one, or contains one
    (the generator's own rule). A word with a clitic (وحيدر = و + حيدر) counts only if it is
    also near without the clitic; template words are not names."""
    names = load("translit_names")
    near_latin = sorted(w for w in training_words["latin"] if names.is_near_held_out(w))
    skip = template_words()
    words = set(ARABIC_WORD.findall(training_words["text"])) - skip
    near_arabic = sorted(
        w
        for w in words
        if names.is_near_held_out("", (w,))
        and (w[:1] not in CLITICS or names.is_near_held_out("", (w[1:],)))
    )
    assert not near_latin and not near_arabic, (near_latin[:10], near_arabic[:10])


def test_training_words_do_hold_many_names(training_words: dict[str, Any]) -> None:
    # Guards the tests above against a word split that finds nothing.
    for english in ("lavrov", "smirnov", "smith", "mohammadi"):
        assert any(w.startswith(english[:5]) for w in training_words["latin"]), english
    assert len(training_words["latin"]) > 5000


def test_test_set_sizes_and_terms(info: dict[str, Any]) -> None:
    ar, en = lines(DATA / "test.ar"), lines(DATA / "test.en")
    rows = [json.loads(row) for row in lines(DATA / "test.terms.jsonl")]
    assert len(ar) == len(en) == len(rows) >= 250
    assert [row["line"] for row in rows] == list(range(1, len(ar) + 1))
    held_lines = [row for row in rows if any(t["held_out"] for t in row["terms"])]
    assert len(held_lines) >= 150
    counts: dict[str, int] = {}
    for row, source, reference in zip(rows, ar, en, strict=True):
        for term in row["terms"]:
            assert set(term) == {"arabic", "english", "clitic", "held_out", "type"}
            span = term["clitic"] + term["arabic"]
            assert re.search(rf"(?<!\S){re.escape(span)}(?=$|[\s.،])", source), (row, span)
            assert re.search(rf"\b{re.escape(term['english'])}\b", reference), (row, term)
            if term["held_out"]:
                counts[term["english"]] = counts.get(term["english"], 0) + 1
    assert sorted(counts) == sorted(info["held_out_people"])
    assert min(counts.values()) >= 4


def test_glossary_lists_every_held_out_name(info: dict[str, Any]) -> None:
    glossary = yaml.safe_load((DATA / "glossary.yaml").read_text(encoding="utf-8"))
    assert set(glossary) == {"name", "description", "version", "entries"}
    for entry in glossary["entries"]:
        assert set(entry) == {"english", "arabic", "type"}
        assert entry["type"] == "person"
        assert entry["arabic"] and all(isinstance(f, str) and f.strip() for f in entry["arabic"])
    assert [e["english"] for e in glossary["entries"]] == info["held_out_people"]
    forms = {e["english"]: e["arabic"] for e in glossary["entries"]}
    required = {
        "Patrushev": "باتروشيف",
        "Ashtiani": "أشتياني",
        "Ryabkov": "ريابكوف",
        "Ahmadian": "أحمديان",
        "Shoigu": "شويجو",
        "Zakharova": "زاخاروفا",
        "Grossi": "غروسي",
        "Araghchi": "عراقجي",
    }
    for english, arabic in required.items():
        assert arabic in forms[english]


def test_transliterators_follow_the_usual_conventions() -> None:
    import random

    rules = load("translit_rules")
    assert rules.romanise_cyrillic("Захарова") == "Zakharova"
    assert rules.romanise_cyrillic("Дмитрий") == "Dmitry"
    spellings = {rules.latin_to_arabic("Shoigu", random.Random(seed)) for seed in range(40)}
    assert {"شويغو", "شويجو"} <= spellings  # g as غ or ج
    spellings = {rules.latin_to_arabic("Patrushev", random.Random(seed)) for seed in range(40)}
    assert "باتروشيف" in spellings
    romanised = {rules.arabic_to_latin("أحمديان", random.Random(s), "fa") for s in range(40)}
    assert "Ahmadian" in romanised and len(romanised) > 2  # short vowels are guessed
