"""The batch job on Ray: same bytes as the local engine, clear errors, Ray optional.

One local Ray instance with 2 CPUs is started for this module and stopped after it.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.file_samples import EXPECTED_OUTPUTS, same_output, tree, write_mixed_folder
from translate import TranslationOptions
from translate.cli import app
from translate.errors import ConfigError, ModelNotFoundError
from translate.files.output import RECORD_SUFFIX
from translate.files.ray_engine import RAY_HINT, RayEngine, import_ray
from translate.files.run import EngineSpec, LocalEngine, translate_files

REPO = Path(__file__).resolve().parent.parent
OPTIONS = TranslationOptions(beam_size=1, max_decoding_length=8)
# Names made consistent per file too: the document pass runs in an actor.
TOY_OPTIONS = TranslationOptions(beam_size=2, consistent_names=True)
needs_ray = pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="ray is not installed"
)


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    ray = pytest.importorskip("ray")
    with pytest.MonkeyPatch.context() as patch:
        # Ray workers are new processes: they must find this checkout's package too.
        path = os.environ.get("PYTHONPATH")
        patch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(REPO), path) if p))
        ray.init(
            num_cpus=2,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.WARNING,
            object_store_memory=128 * 1024 * 1024,
        )
    try:
        yield ray
    finally:
        ray.shutdown()


@pytest.mark.ray
@needs_ray
def test_outputs_are_byte_for_byte_the_local_engines(
    local_ray: Any, tiny_model_dir: Path, tmp_path: Path
) -> None:
    from translate.glossary import load_glossaries

    inputs = write_mixed_folder(tmp_path / "in")
    glossary = load_glossaries([], include_default=True)  # travels to the actors pickled
    # The toy model really translates, so the glossary really places names, with model
    # calls that must come out the same in every actor.
    spec = EngineSpec(model="toy-news", options=TOY_OPTIONS, glossary=glossary)
    local = translate_files(
        [tmp_path / "in"], tmp_path / "local", lambda: LocalEngine.open(spec), chunk_units=3
    )
    remote = translate_files(
        [tmp_path / "in"], tmp_path / "ray", lambda: RayEngine(spec, actors=2), chunk_units=3
    )
    assert (remote.files_done, remote.files_failed) == (local.files_done, 0) == (len(inputs), 0)
    assert remote.sentences == local.sentences
    assert remote.signature == local.signature
    assert local.signature["options"] == TOY_OPTIONS.digest()
    expected, got = tree(tmp_path / "local"), tree(tmp_path / "ray")
    records = {name for name in expected if name.endswith(RECORD_SUFFIX)}
    assert all(got[name] == expected[name] for name in records)  # same sources, same signature
    expected = {name: data for name, data in expected.items() if name not in records}
    got = {name: data for name, data in got.items() if name not in records}
    assert set(got) == set(expected) == {EXPECTED_OUTPUTS[str(p)] for p in inputs}
    assert all(same_output(got[name], expected[name], name) for name in expected)
    assert local.signature["glossary"] == glossary.digest
    assert local_ray.is_initialized()  # a running Ray is used and left running


@pytest.mark.ray
@needs_ray
def test_cli_engine_ray_with_a_shared_cache(
    local_ray: Any, tiny_model_dir: Path, tmp_path: Path
) -> None:
    write_mixed_folder(tmp_path / "in", with_docx=False)
    runner = CliRunner()
    common = [
        "files",
        str(tmp_path / "in"),
        "--model",
        str(tiny_model_dir),
        "--no-default-glossary",
        "--beam-size",
        "1",
        "--max-decoding-length",
        "8",
        "--cache",
        str(tmp_path / "c.db"),
    ]
    local = runner.invoke(app, [*common, "-O", str(tmp_path / "local")])
    assert local.exit_code == 0, local.output
    remote = runner.invoke(app, [*common, "-O", str(tmp_path / "ray"), "--engine", "ray"])
    assert remote.exit_code == 0, remote.output
    assert "5 done, 0 skipped, 0 failed" in remote.stderr
    assert "(0 decoded, the rest cached or repeated)" in remote.stderr  # actors read the cache
    assert tree(tmp_path / "ray") == tree(tmp_path / "local")


@pytest.mark.ray
@needs_ray
def test_an_error_in_the_actors_surfaces_as_itself(local_ray: Any, tmp_path: Path) -> None:
    spec = EngineSpec(model=str(tmp_path / "no-such-model"), options=OPTIONS)
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        RayEngine(spec, actors=1)


def test_without_ray_the_error_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` fail
    with pytest.raises(ConfigError, match=r"pip install 'arabic-translate-cli\[ray\]'"):
        import_ray()
    with pytest.raises(ConfigError, match="--engine ray needs Ray"):
        RayEngine(EngineSpec(model="any"))
    assert "arabic-translate-cli[ray]" in RAY_HINT
