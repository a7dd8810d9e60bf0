"""The toy news corpus (benchmarks/toy/generate.py) and the bundled toy-news model folder.

The committed data must be exactly what the generator writes for its recorded seed, held-out
names must never reach training data in any spelling or script, and the test terms must point
at real spans of their lines.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from translate.text.normalize import fold

REPO_ROOT = Path(__file__).resolve().parent.parent
TOY = REPO_ROOT / "benchmarks" / "toy"
DATA = TOY / "data"
MODEL = REPO_ROOT / "models" / "toy-news"
COMMITTED = [
    "dev.ar",
    "dev.en",
    "test.ar",
    "test.en",
    "test.terms.jsonl",
    "glossary.yaml",
    "info.json",
]
CLITICS = "وفبلك"


def load_generator() -> ModuleType:
    """benchmarks/ is not a package; load generate.py from its path."""
    name = "toy_generate"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, TOY / "generate.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while being created
        spec.loader.exec_module(module)
    return sys.modules[name]


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def info() -> dict[str, Any]:
    return json.loads((DATA / "info.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory, info: dict[str, Any]) -> Path:
    """The full corpus regenerated from info.json (train is not committed: it is too big)."""
    out = tmp_path_factory.mktemp("toy")
    load_generator().generate(
        info["seed"],
        out,
        info["train"],
        info["dev"],
        info["test"],
        info["test_known_only_lines"],
        info["latin_share"],
    )
    return out


@pytest.fixture(scope="module")
def glossary() -> dict[str, Any]:
    return yaml.safe_load((DATA / "glossary.yaml").read_text(encoding="utf-8"))


def small_corpus(out: Path, seed: int) -> dict[str, bytes]:
    load_generator().generate(seed, out, train_size=400, dev_size=50, test_size=40, test_known=10)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    first = small_corpus(tmp_path / "a", seed=7)
    second = small_corpus(tmp_path / "b", seed=7)
    assert first == second
    assert set(first) >= {*COMMITTED, "train.ar", "train.en"}


def test_other_seed_gives_other_sentences(tmp_path: Path) -> None:
    first = small_corpus(tmp_path / "a", seed=7)
    other = small_corpus(tmp_path / "b", seed=8)
    assert first["train.ar"] != other["train.ar"]
    assert first["test.ar"] != other["test.ar"]


@pytest.mark.parametrize("name", COMMITTED)
def test_committed_files_are_what_the_generator_writes(regenerated: Path, name: str) -> None:
    assert (DATA / name).read_bytes() == (regenerated / name).read_bytes()


def test_splits_are_parallel_and_disjoint(regenerated: Path) -> None:
    seen: set[str] = set()
    for split in ("train", "dev", "test"):
        ar, en = lines(regenerated / f"{split}.ar"), lines(regenerated / f"{split}.en")
        assert len(ar) == len(en) > 0
        assert all(a.strip() and e.strip() for a, e in zip(ar, en, strict=True))
        assert not seen & set(ar), f"{split} repeats a line of an earlier split"
        seen |= set(ar)


def held_out_people() -> list[Any]:
    module = load_generator()
    return list(module.HELD_OUT_PEOPLE)


@pytest.fixture(scope="module")
def training_words(regenerated: Path) -> dict[str, set[str]]:
    """Folded Arabic words of train+dev (also without a leading clitic) and their Latin words."""
    arabic: set[str] = set()
    latin: set[str] = set()
    for split in ("train", "dev"):
        for name in (f"{split}.ar", f"{split}.en"):
            text = (regenerated / name).read_text(encoding="utf-8")
            latin.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text))
            if name.endswith(".ar"):
                for word in re.findall(r"[^\s.،A-Za-z0-9]+", fold(text)):
                    arabic.add(word)
                    if word[:1] in CLITICS:
                        arabic.add(word[1:])
    return {"arabic": arabic, "latin": latin}


@pytest.mark.parametrize("person", held_out_people(), ids=lambda p: p.last_en)
def test_held_out_names_never_occur_in_train_or_dev(
    training_words: dict[str, set[str]], person: Any
) -> None:
    assert person.last_en.lower() not in training_words["latin"]
    for form in person.last_ar:
        assert fold(form) not in training_words["arabic"], form


def test_training_words_do_hold_the_training_names(training_words: dict[str, set[str]]) -> None:
    # Guards the test above against a word split that finds nothing.
    module = load_generator()
    for person in module.TRAINING_PEOPLE:
        assert person.last_en.split()[0].lower() in training_words["latin"]
        assert fold(person.last_ar[0]).split()[0] in training_words["arabic"]


def test_test_set_names_every_held_out_person_often(info: dict[str, Any]) -> None:
    counts: dict[str, int] = {}
    for row in lines(DATA / "test.terms.jsonl"):
        for term in json.loads(row)["terms"]:
            if term["held_out"]:
                counts[term["english"]] = counts.get(term["english"], 0) + 1
    assert sorted(counts) == sorted(info["held_out_people"])
    assert min(counts.values()) >= 15


def test_terms_point_at_their_lines(glossary: dict[str, Any]) -> None:
    ar, en = lines(DATA / "test.ar"), lines(DATA / "test.en")
    rows = [json.loads(row) for row in lines(DATA / "test.terms.jsonl")]
    assert [row["line"] for row in rows] == list(range(1, len(ar) + 1))
    held_out = {e["english"]: set(e["arabic"]) for e in glossary["entries"]}
    for row, source, reference in zip(rows, ar, en, strict=True):
        assert row["terms"], f"line {row['line']} names nobody"
        for term in row["terms"]:
            span = term["clitic"] + term["arabic"]
            assert re.search(rf"(?<!\S){re.escape(span)}(?=$|[\s.،])", source), (row["line"], span)
            assert re.search(rf"\b{re.escape(term['english'])}\b", reference), (row["line"], term)
            assert term["held_out"] == (term["english"] in held_out)
            if term["held_out"]:
                assert term["arabic"] in held_out[term["english"]]
    known_only = [row for row in rows if not any(t["held_out"] for t in row["terms"])]
    assert len(known_only) == 100


def test_glossary_has_the_agreed_shape(glossary: dict[str, Any], info: dict[str, Any]) -> None:
    assert set(glossary) == {"name", "description", "version", "entries"}
    assert all(
        isinstance(glossary[k], str) and glossary[k] for k in ("name", "description", "version")
    )
    for entry in glossary["entries"]:
        assert set(entry) == {"english", "arabic", "type"}
        assert entry["type"] == "person"
        assert entry["arabic"] and all(isinstance(f, str) and f.strip() for f in entry["arabic"])
    assert [e["english"] for e in glossary["entries"]] == info["held_out_people"]
    required = {
        "Patrushev": "باتروشيف",
        "Ashtiani": "أشتياني",
        "Ryabkov": "ريابكوف",
        "Ahmadian": "أحمديان",
    }
    forms = {e["english"]: e["arabic"] for e in glossary["entries"]}
    for english, arabic in required.items():
        assert arabic in forms[english]


def test_a_share_of_training_pairs_copies_latin_names(regenerated: Path) -> None:
    ar, en = lines(regenerated / "train.ar"), lines(regenerated / "train.en")
    latin = [(a, e) for a, e in zip(ar, en, strict=True) if re.search(r"[A-Za-z]", a)]
    assert 0.10 <= len(latin) / len(ar) <= 0.17
    for source, reference in latin:
        for word in re.findall(r"[A-Za-z][A-Za-z-]+", source):
            assert re.search(rf"\b{re.escape(word)}\b", reference), (source, reference)


def test_bundled_model_folder_follows_the_contract() -> None:
    for name in (
        "model.bin",
        "config.json",
        "source.spm",
        "target.spm",
        "manifest.json",
        "MODEL_CARD.md",
    ):
        assert (MODEL / name).is_file(), name
    assert list(MODEL.glob("*vocabulary*"))
    manifest = json.loads((MODEL / "manifest.json").read_text(encoding="utf-8"))
    required = {
        *("name", "architecture", "source_url", "archive_sha256", "quantization", "converter"),
        *("ctranslate2_version", "installed_at", "source_prefix", "source_suffix", "target_prefix"),
    }
    assert required <= set(manifest), required - set(manifest)
    assert manifest["name"] == "toy-news"
    assert manifest["bundled"] is True
    assert manifest["quantization"] == "int8"
    assert manifest["source_suffix"] == ["</s>"]
    assert sum(p.stat().st_size for p in MODEL.iterdir()) < 12_000_000
    assert "toy" in (MODEL / "MODEL_CARD.md").read_text(encoding="utf-8").lower()
