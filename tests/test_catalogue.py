"""The shipped catalogue's shape, and validation of broken catalogues."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.errors import ConfigError, ModelNotFoundError
from translate.models.catalogue import load_catalogue


def test_catalogue_names_are_unique_and_one_is_default() -> None:
    catalogue = load_catalogue()
    assert len(catalogue.names) == len(set(catalogue.names))
    assert [e.name for e in catalogue.entries if e.default] == ["opus-mt-tc-big-ar-en"]
    assert catalogue.default.name == "opus-mt-tc-big-ar-en"


def test_required_models_are_listed_with_https_sources() -> None:
    catalogue = load_catalogue()
    assert {"opus-mt-tc-big-ar-en", "opus-mt-ar-en", "nllb-200-distilled-600M", "toy-news"} <= set(
        catalogue.names
    )
    for entry in catalogue.entries:
        if not entry.bundled:
            assert entry.url is not None and entry.url.startswith("https://"), entry.name


@pytest.mark.parametrize(
    ("name", "testset", "bleu"),
    [
        ("opus-mt-tc-big-ar-en", "flores200-devtest", 42.8),
        ("opus-mt-tc-big-ar-en", "tico19-test", 44.4),
        ("opus-mt-ar-en", "flores200-devtest", 36.3),
        ("opus-mt-ar-en", "tico19-test", 34.1),
    ],
)
def test_published_scores(name: str, testset: str, bleu: float) -> None:
    entry = load_catalogue().get(name)
    assert {s.testset: s.bleu for s in entry.scores}[testset] == bleu


def test_licences_and_conventions() -> None:
    catalogue = load_catalogue()
    nllb = catalogue.get("nllb-200-distilled-600M")
    assert nllb.license == "CC-BY-NC-4.0" and "NON-COMMERCIAL" in nllb.description
    assert nllb.source_prefix == ("arb_Arab",) and nllb.target_prefix == ("eng_Latn",)
    assert catalogue.get("opus-mt-tc-big-ar-en").license == "CC-BY-4.0"
    toy = catalogue.get("toy-news")
    assert toy.bundled and toy.path == "toy-news"


def test_no_checksum_is_made_up() -> None:
    # The release pages publish no sha256 for these archives; none may appear here
    # until someone has downloaded the file and measured it.
    assert all(e.sha256 is None for e in load_catalogue().entries)


def test_unknown_name_lists_known_names() -> None:
    with pytest.raises(ModelNotFoundError, match="opus-mt-ar-en"):
        load_catalogue().get("opus-mt-xx-yy")


def test_every_problem_of_a_broken_catalogue_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.yaml"
    path.write_text(
        """
models:
  - {name: a, description: d, architecture: x, format: opus-mt, license: l,
     url: "http://insecure.example/a.zip", default: true}
  - {name: a, description: d, architecture: x, format: opus-mt, license: l,
     url: "https://ok.example/a.zip", sha256: "1234", colour: blue}
  - {name: b, description: d, architecture: x, format: weird, license: l, default: true}
""",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_catalogue(path)
    message = str(info.value)
    for fragment in ("https://", "more than once", "sha256", "'colour'", "format", "exactly one"):
        assert fragment in message, fragment


@pytest.mark.parametrize("text", ["", "models: []", "- just a list", ": : :"])
def test_unreadable_catalogues(tmp_path: Path, text: str) -> None:
    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_catalogue(path)
