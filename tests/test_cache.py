"""The persistent SQLite translation cache."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from translate import TranslationOptions, Translator
from translate.engine.decoding import Request, SentenceTranslation
from translate.errors import ConfigError
from translate.files.cache import TranslationCache, cache_namespace
from translate.files.engine import EngineSpec, LocalEngine
from translate.models.resolve import resolve_model

REPO = Path(__file__).resolve().parent.parent
LINES = ["قال الوزير إن المحادثات ستستمر.", "", "وصل الوفد إلى القاهرة يوم ١٢ مارس. مرحبا"]


def translation(source: str, text: str = "hello") -> SentenceTranslation:
    return SentenceTranslation(
        source=source,
        text=text,
        tokens=("▁hel", "lo"),
        attention=((0.5, 0.5), (1.0, 0.0)),
        alternatives=(("▁hi",), ("▁hey", "!")),
    )


def test_a_stored_translation_survives_a_reopen_without_its_attention(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    request = Request("مرحبا")
    with TranslationCache(path, namespace="model-a") as cache:
        cache.put(request, translation("مرحبا"))
        assert cache.get(request) == translation("مرحبا")  # this run: from memory
    with TranslationCache(path, namespace="model-a") as reopened:
        found = reopened.get(request)
        assert found is not None and reopened.hits == 1
        assert (found.source, found.text, found.tokens) == ("مرحبا", "hello", ("▁hel", "lo"))
        assert found.alternatives == (("▁hi",), ("▁hey", "!"))
        assert found.attention is None
        assert reopened.stored() == 1


@pytest.mark.parametrize(
    "other",
    [
        Request("مرحبا", prefix=("▁Hi",)),
        Request("مرحبا", num_alternatives=4),
        Request("مرحبا "),
    ],
)
def test_every_request_field_is_part_of_the_key(tmp_path: Path, other: Request) -> None:
    with TranslationCache(tmp_path / "c.db", namespace="n") as cache:
        cache.put(Request("مرحبا"), translation("مرحبا"))
        assert cache.key(other) != cache.key(Request("مرحبا"))
    with TranslationCache(tmp_path / "c.db", namespace="n") as cache:
        assert cache.get(other) is None and cache.misses == 1


def test_namespaces_keep_models_and_options_apart(tmp_path: Path) -> None:
    with TranslationCache(tmp_path / "c.db", namespace="model-a") as cache:
        cache.put(Request("مرحبا"), translation("مرحبا", "from a"))
    with TranslationCache(tmp_path / "c.db", namespace="model-b") as cache:
        assert cache.get(Request("مرحبا")) is None
    with TranslationCache(tmp_path / "c.db", namespace="model-a") as cache:
        found = cache.get(Request("مرحبا"))  # the other namespace's entries stayed stored
        assert found is not None and found.text == "from a"


def test_requests_for_attention_are_not_stored(tmp_path: Path) -> None:
    request = Request("مرحبا", return_attention=True)
    with TranslationCache(tmp_path / "c.db", namespace="n") as cache:
        cache.put(request, translation("مرحبا"))
        assert cache.get(request) == translation("مرحبا")  # kept in memory for this run
        assert cache.stored() == 0


@pytest.mark.parametrize("content", [b"not a database at all, just text" * 100, b"\x00" * 4096])
def test_a_file_that_is_not_a_cache_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "c.db"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match="delete it or give another --cache path"):
        TranslationCache(path, namespace="n")


def test_a_killed_writer_loses_only_its_open_batch(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    script = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from translate.engine.decoding import Request, SentenceTranslation
        from translate.files.cache import TranslationCache
        cache = TranslationCache(Path({str(path)!r}), namespace="n", flush_every=10,
                                 flush_seconds=3600)
        for i in range(25):
            cache.put(Request(f"s{{i}}"), SentenceTranslation(f"s{{i}}", f"t{{i}}", ("t",)))
        os._exit(9)  # killed: no close, no final flush
        """
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=False)
    with TranslationCache(path, namespace="n") as cache:
        assert cache.stored() == 20  # two full transactions committed, the third lost
        found = cache.get(Request("s19"))
        assert found is not None and found.text == "t19"
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_rerun_with_the_cache_decodes_nothing(tiny_model_dir: Path, tmp_path: Path) -> None:
    options = TranslationOptions(beam_size=1, max_decoding_length=8)
    path = tmp_path / "c.db"

    def translate(options: TranslationOptions) -> tuple[list[str], int]:
        model = resolve_model(tiny_model_dir)
        with TranslationCache(path, cache_namespace(model, options)) as cache:
            translator = Translator(model, options, cache=cache)
            texts = [r.text for r in translator.translate_lines(LINES)]
            return texts, translator.sentence_translator.decoded_sentences

    first, decoded = translate(options)
    assert decoded >= 2
    again, decoded_again = translate(options)
    assert again == first and decoded_again == 0
    _, with_other_options = translate(options.with_changes(max_decoding_length=6))
    assert with_other_options == decoded  # other options, other translations: nothing reused


def test_the_files_engine_builds_its_cache_with_its_namespace(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    options = TranslationOptions(beam_size=1, max_decoding_length=8)
    spec = EngineSpec(str(tiny_model_dir), options, cache_path=tmp_path / "c.db")
    engine = LocalEngine.open(spec)
    try:
        assert isinstance(engine.cache, TranslationCache)
        assert engine.cache.namespace == cache_namespace(resolve_model(tiny_model_dir), options)
        assert engine.translator.sentence_translator.cache is engine.cache
    finally:
        engine.close()
