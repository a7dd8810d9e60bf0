"""Installing the synthetic OPUS-MT release through the real code path."""

from __future__ import annotations

import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.archive_server import ArchiveServer, ServerState, serve
from tests.conftest import load_synthetic_builder
from translate.errors import ModelInstallError, ModelNotFoundError
from translate.models.install import (
    ModelAlreadyInstalledError,
    install_from_archive,
    install_model,
)
from translate.models.resolve import ensure_model, model_info, resolve_model
from translate.models.store import is_installed, list_installed, remove_model


def _rewrite(
    src: Path, dest: Path, *, drop: tuple[str, ...] = (), replace: dict[str, bytes] | None = None
) -> Path:
    """A copy of a release zip with members dropped or replaced."""
    replace = replace or {}
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dest, "w") as new:
        for info in old.infolist():
            if info.filename in drop:
                continue
            new.writestr(info, replace.get(info.filename, old.read(info.filename)))
    return dest


def _leftovers(models_dir: Path) -> list[str]:
    """Everything in a models dir apart from lock files."""
    if not models_dir.exists():
        return []
    return sorted(p.name for p in models_dir.iterdir() if p.name != ".locks")


def _translate(model_dir: Path, text: str = "قال الوزير إن الاجتماع عقد يوم الاثنين") -> list[str]:
    import ctranslate2
    import sentencepiece as spm

    source = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
    translator = ctranslate2.Translator(str(model_dir))
    result = translator.translate_batch([source.encode(text, out_type=str)], max_decoding_length=16)
    return list(result[0].hypotheses[0])


def test_install_writes_a_complete_model_with_manifest(
    tiny_model_dir: Path, synthetic_archive: Path
) -> None:
    import hashlib

    for name in ("model.bin", "config.json", "source.spm", "target.spm", "manifest.json"):
        assert (tiny_model_dir / name).is_file(), name
    manifest = json.loads((tiny_model_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["archive_sha256"] == hashlib.sha256(synthetic_archive.read_bytes()).hexdigest()
    assert manifest["converter"] == "OpusMTConverter"
    assert manifest["quantization"] == "int8"
    assert manifest["source_url"].startswith("file://")
    assert manifest["source_prefix"] == manifest["source_suffix"] == manifest["target_prefix"] == []
    assert {"ctranslate2_version", "installed_at", "architecture", "name"} <= set(manifest)
    assert _leftovers(tiny_model_dir.parent) == ["synthetic-tiny"]
    assert len(_translate(tiny_model_dir)) <= 16


def test_second_install_is_refused_then_forced(synthetic_archive: Path, tmp_path: Path) -> None:
    first = install_from_archive(synthetic_archive, "m", tmp_path, "float32")
    stamp = (first / "manifest.json").read_text(encoding="utf-8")
    with pytest.raises(ModelAlreadyInstalledError) as info:
        install_from_archive(synthetic_archive, "m", tmp_path)
    assert info.value.path == first
    assert (first / "manifest.json").read_text(encoding="utf-8") == stamp
    again = install_from_archive(synthetic_archive, "m", tmp_path, "int8", force=True)
    assert json.loads((again / "manifest.json").read_text())["quantization"] == "int8"
    assert _leftovers(tmp_path) == ["m"]


def test_wrong_checksum_leaves_nothing(synthetic_archive: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelInstallError, match="checksum mismatch"):
        install_from_archive(synthetic_archive, "m", tmp_path, expected_sha256="ab" * 32)
    assert _leftovers(tmp_path) == []


def test_truncated_archive_leaves_nothing(synthetic_archive: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.zip"
    cut.write_bytes(synthetic_archive.read_bytes()[:300_000])
    models = tmp_path / "models"
    with pytest.raises(ModelInstallError, match=r"corrupt or truncated|not a zip"):
        install_from_archive(cut, "m", models)
    assert _leftovers(models) == []


def test_zip_slip_archive_is_refused(synthetic_archive: Path, tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    _rewrite(synthetic_archive, evil)
    with zipfile.ZipFile(evil, "a") as archive:
        archive.writestr("../../escaped.txt", b"gotcha")
    models = tmp_path / "a" / "b" / "models"
    with pytest.raises(ModelInstallError, match="outside"):
        install_from_archive(evil, "m", models)
    assert not list(tmp_path.rglob("escaped.txt"))
    assert _leftovers(models) == []


def test_archive_without_decoder_yml_is_not_a_marian_release(
    synthetic_archive: Path, tmp_path: Path
) -> None:
    broken = _rewrite(synthetic_archive, tmp_path / "b.zip", drop=("decoder.yml",))
    with pytest.raises(ModelInstallError, match=r"decoder\.yml is missing"):
        install_from_archive(broken, "m", tmp_path / "models")
    assert _leftovers(tmp_path / "models") == []


def test_missing_pieces_are_all_named(synthetic_archive: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(synthetic_archive) as archive:
        vocab = next(n for n in archive.namelist() if n.endswith(".vocab.yml"))
    broken = _rewrite(synthetic_archive, tmp_path / "b.zip", drop=(vocab, "target.spm"))
    with pytest.raises(ModelInstallError) as info:
        install_from_archive(broken, "m", tmp_path / "models")
    assert vocab in str(info.value) and "target.spm" in str(info.value)


def test_broken_weights_fail_conversion_cleanly(synthetic_archive: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(synthetic_archive) as archive:
        npz = next(n for n in archive.namelist() if n.endswith(".npz"))
    broken = _rewrite(synthetic_archive, tmp_path / "b.zip", replace={npz: b"not numpy"})
    with pytest.raises(ModelInstallError, match="OpusMTConverter"):
        install_from_archive(broken, "m", tmp_path / "models")
    assert _leftovers(tmp_path / "models") == []


def test_target_token_convention_is_read_from_the_release(
    synthetic_archive: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(synthetic_archive) as archive:
        vocab_name = next(n for n in archive.namelist() if n.endswith(".vocab.yml"))
        lines = archive.read(vocab_name).decode("utf-8").splitlines(keepends=True)
        readme = archive.read("README.md").decode("utf-8")
    lines[-1] = f'">>eng<<": {len(lines) - 1}\n'  # a multi-target model's vocabulary entry
    readme += "* a sentence initial language token is required in the form of `>>id<<`\n"
    multi = _rewrite(
        synthetic_archive, tmp_path / "multi.zip",
        replace={vocab_name: "".join(lines).encode(), "README.md": readme.encode()},
    )  # fmt: skip
    path = install_from_archive(multi, "multi", tmp_path / "models")
    assert json.loads((path / "manifest.json").read_text())["source_prefix"] == [">>eng<<"]


def test_required_target_token_missing_from_vocab_is_an_error(
    synthetic_archive: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(synthetic_archive) as archive:
        script = archive.read("preprocess.sh").decode() + '\nsed "s/^/>>$2<< /"\n'
    multi = _rewrite(
        synthetic_archive, tmp_path / "m.zip", replace={"preprocess.sh": script.encode()}
    )
    with pytest.raises(ModelInstallError, match=">>eng<<"):
        install_from_archive(multi, "m", tmp_path / "models")
    assert _leftovers(tmp_path / "models") == []


def test_shared_spm_release_installs_and_translates(tmp_path: Path) -> None:
    archive = load_synthetic_builder().build_synthetic_archive(
        "tiny", tmp_path / "shared.zip", shared_spm=True
    )
    path = install_from_archive(archive, "shared", tmp_path / "models")
    assert (path / "source.spm").read_bytes() == (path / "target.spm").read_bytes()
    assert len(_translate(path)) <= 16


def test_concurrent_installs_of_one_model(synthetic_archive: Path, tmp_path: Path) -> None:
    outcomes: list[object] = []
    start = threading.Barrier(2)

    def worker() -> None:
        start.wait()
        try:
            outcomes.append(install_from_archive(synthetic_archive, "same", tmp_path))
        except ModelAlreadyInstalledError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(type(o).__name__ for o in outcomes) == ["ModelAlreadyInstalledError", "PosixPath"]
    assert _leftovers(tmp_path) == ["same"]
    assert len(_translate(tmp_path / "same")) <= 16


def test_leftovers_of_a_killed_install_are_cleaned(synthetic_archive: Path, tmp_path: Path) -> None:
    stale = tmp_path / ".tmp-m-killed" / "model"
    stale.mkdir(parents=True)
    (stale / "model.bin").write_bytes(b"half")
    assert list_installed(tmp_path) == []
    install_from_archive(synthetic_archive, "m", tmp_path)
    assert _leftovers(tmp_path) == ["m"]


@pytest.mark.parametrize("name", ["../x", "a/b", ".hidden", ""])
def test_unsafe_names_are_refused(synthetic_archive: Path, tmp_path: Path, name: str) -> None:
    with pytest.raises(ModelInstallError, match="invalid model name"):
        install_from_archive(synthetic_archive, name, tmp_path)


def test_unknown_quantization_is_refused(synthetic_archive: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelInstallError, match="quantization"):
        install_from_archive(synthetic_archive, "m", tmp_path, "int3")


@pytest.fixture
def archive_server(synthetic_archive: Path) -> Iterator[ArchiveServer]:
    with serve(ServerState(files={"/release.zip": synthetic_archive.read_bytes()})) as server:
        yield server


def test_install_by_name_downloads_and_installs(
    archive_server: ArchiveServer, tmp_path: Path
) -> None:
    url = archive_server.url("/release.zip")
    path = install_model("opus-mt-ar-en", tmp_path, url=url, allow_http=True)
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["source_url"] == url and manifest["name"] == "opus-mt-ar-en"
    assert not (tmp_path / ".downloads" / "opus-mt-ar-en.zip").exists()
    assert len(_translate(path)) <= 16


def test_install_by_name_resumes_after_a_cut(archive_server: ArchiveServer, tmp_path: Path) -> None:
    import translate.models.download

    url = archive_server.url("/release.zip")
    archive_server.state.cut_once["/release.zip"] = 200_000
    original = translate.models.download.download

    def no_retry(*args: object, **kwargs: object) -> Path:
        return original(*args, **{**kwargs, "retries": 0})  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("translate.models.install.download", no_retry)
        with pytest.raises(ModelInstallError, match="resumes"):
            install_model("opus-mt-ar-en", tmp_path, url=url, allow_http=True)
        assert (tmp_path / ".downloads" / "opus-mt-ar-en.zip.part").stat().st_size == 200_000
        assert not is_installed(tmp_path, "opus-mt-ar-en")
        install_model("opus-mt-ar-en", tmp_path, url=url, allow_http=True)
    assert archive_server.state.requests[-1] == ("/release.zip", "bytes=200000-")
    assert is_installed(tmp_path, "opus-mt-ar-en")


def test_ensure_model_returns_an_installed_model(tiny_model_dir: Path) -> None:
    assert ensure_model("synthetic-tiny", tiny_model_dir.parent, offline=True) == tiny_model_dir


def test_ensure_model_offline_says_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=r"--from-archive PATH\.zip --name opus-mt-ar-en"):
        ensure_model("opus-mt-ar-en", tmp_path, offline=True)


def test_ensure_model_reads_offline_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATE_OFFLINE", "1")
    with pytest.raises(ModelNotFoundError, match="offline"):
        ensure_model("opus-mt-tc-big-ar-en", tmp_path)


def test_ensure_model_without_network_names_the_archive_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(*args: object, **kwargs: object) -> Path:
        raise ModelInstallError("cannot download https://example.invalid/x.zip: no route")

    monkeypatch.delenv("TRANSLATE_OFFLINE", raising=False)
    monkeypatch.setattr("translate.models.install.download", unreachable)
    with pytest.raises(ModelNotFoundError) as info:
        ensure_model("opus-mt-tc-big-ar-en", tmp_path)
    message = str(info.value)
    assert "--from-archive" in message and "\n" not in message


def test_ensure_model_installs_the_default_on_first_use(
    synthetic_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    def fake_download(url: str, dest: Path, **kwargs: object) -> Path:
        assert url.startswith("https://object.pouta.csc.fi/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copyfile(synthetic_archive, dest))

    monkeypatch.delenv("TRANSLATE_OFFLINE", raising=False)
    monkeypatch.setattr("translate.models.install.download", fake_download)
    path = ensure_model("opus-mt-tc-big-ar-en", tmp_path)
    assert path == tmp_path / "opus-mt-tc-big-ar-en" and is_installed(tmp_path, path.name)


def test_non_default_models_are_not_installed_implicitly(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="translate models install opus-mt-ar-en"):
        ensure_model("opus-mt-ar-en", tmp_path, offline=False)


def test_unknown_model_lists_the_catalogue(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="opus-mt-tc-big-ar-en"):
        ensure_model("no-such-model", tmp_path, offline=True)


def test_nllb_needs_the_convert_extra(tmp_path: Path) -> None:
    from translate.models.convert import convert_extra_available

    if convert_extra_available():
        pytest.skip("transformers and torch are installed here")
    with pytest.raises(ModelInstallError, match=r"pip install 'arabic-translate-cli\[convert\]'"):
        install_model("nllb-200-distilled-600M", tmp_path)
    assert _leftovers(tmp_path) == []


def test_info_list_and_remove(synthetic_archive: Path, tmp_path: Path) -> None:
    install_from_archive(synthetic_archive, "mine", tmp_path)
    assert [m.name for m in list_installed(tmp_path)] == ["mine"]
    found = model_info("mine", tmp_path)
    assert found.entry is None and found.installed is not None
    assert found.installed.quantization == "int8" and found.installed.size_bytes > 0
    catalogue_only = model_info("opus-mt-tc-big-ar-en", tmp_path)
    assert catalogue_only.entry is not None and catalogue_only.installed is None
    remove_model("mine", tmp_path)
    assert _leftovers(tmp_path) == []
    with pytest.raises(ModelNotFoundError):
        remove_model("mine", tmp_path)


def test_disk_full_is_named_and_leaves_nothing(
    synthetic_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("translate.models.install.shutil.copyfile", full)
    with pytest.raises(ModelInstallError, match="no space left"):
        install_from_archive(synthetic_archive, "m", tmp_path)
    assert _leftovers(tmp_path) == []


def test_models_dir_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate.models.store import default_models_dir

    monkeypatch.setenv("TRANSLATE_MODELS_DIR", str(tmp_path / "here"))
    assert default_models_dir() == tmp_path / "here"
    monkeypatch.delenv("TRANSLATE_MODELS_DIR")
    assert default_models_dir().name == "models" and "arabic-translate" in str(default_models_dir())


def test_a_held_lock_times_out_with_a_clear_error(tmp_path: Path) -> None:
    from translate.models.store import model_lock

    outcome: list[BaseException] = []

    def second_installer() -> None:
        try:
            with model_lock(tmp_path, "m", timeout=0.2):
                pass
        except ModelInstallError as exc:
            outcome.append(exc)

    with model_lock(tmp_path, "m") as lock_path:
        assert lock_path == tmp_path / ".locks" / "m.lock"
        thread = threading.Thread(target=second_installer)
        thread.start()
        thread.join()
    assert len(outcome) == 1 and "another install of 'm' is still running" in str(outcome[0])
    with model_lock(tmp_path, "m", timeout=0.2):  # released: free again
        pass


def test_a_lock_held_by_another_process_is_waited_for(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    from translate.models.store import model_lock

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path\n"
            "from translate.models.store import model_lock\n"
            "with model_lock(Path(sys.argv[1]), 'm'):\n"
            "    print('held', flush=True); time.sleep(1.0)\n",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(ModelInstallError, match="still running"):
            with model_lock(tmp_path, "m", timeout=0.1):
                pass
        started = time.monotonic()
        with model_lock(tmp_path, "m", timeout=30):
            assert time.monotonic() - started > 0.3  # waited for the holder to finish
    finally:
        holder.wait(timeout=30)


@pytest.mark.parametrize(
    ("served", "kept"),
    [
        (b"PK\x03\x04 truncated", False),  # corrupt: resuming from it is useless, deleted
        (None, True),  # a whole zip that is not a Marian release: kept
    ],
)
def test_install_by_name_deletes_only_a_corrupt_download(
    synthetic_archive: Path, tmp_path: Path, served: bytes | None, kept: bool
) -> None:
    data = served
    if data is None:
        data = _rewrite(synthetic_archive, tmp_path / "nodec.zip", drop=("decoder.yml",))
        data = data.read_bytes()
    models = tmp_path / "models"
    with serve(ServerState(files={"/release.zip": data})) as server:
        with pytest.raises(ModelInstallError):
            install_model("opus-mt-ar-en", models, url=server.url("/release.zip"), allow_http=True)
    assert (models / ".downloads" / "opus-mt-ar-en.zip").exists() is kept


def test_one_definition_of_a_complete_model_folder(tiny_model_dir: Path, tmp_path: Path) -> None:
    """The store, the resolver and ``model_info`` agree on what an installed model is: a
    folder the translator can open (a manifest is optional), nothing less."""
    import shutil

    from translate.models.install import model_info as info_from_install

    copy = tmp_path / "hand-made"
    shutil.copytree(tiny_model_dir, copy)
    (copy / "manifest.json").unlink(missing_ok=True)
    assert is_installed(tmp_path, "hand-made")
    assert [m.name for m in list_installed(tmp_path)] == ["hand-made"]
    assert ensure_model("hand-made", tmp_path, offline=True) == copy
    assert resolve_model("hand-made", tmp_path, offline=True).path == copy
    assert info_from_install("hand-made", tmp_path).installed is not None
    (copy / "config.json").unlink()
    assert not is_installed(tmp_path, "hand-made") and list_installed(tmp_path) == []
    with pytest.raises(ModelNotFoundError, match=r"incomplete: missing config\.json"):
        resolve_model("hand-made", tmp_path, offline=True)


def _catalogue_with_sha(monkeypatch: pytest.MonkeyPatch, name: str, sha: str) -> None:
    import dataclasses

    from translate.models.catalogue import load_catalogue

    real = load_catalogue()
    entries = tuple(
        dataclasses.replace(e, sha256=sha) if e.name == name else e for e in real.entries
    )
    patched = dataclasses.replace(real, entries=entries)
    monkeypatch.setattr("translate.models.install.load_catalogue", lambda: patched)


def test_an_archive_under_a_bundled_name_is_refused_unless_forced(
    synthetic_archive: Path, tmp_path: Path
) -> None:
    with pytest.raises(ModelInstallError, match="pick another --name"):
        install_from_archive(synthetic_archive, "toy-news", tmp_path)
    assert not (tmp_path / "toy-news").exists()
    path = install_from_archive(synthetic_archive, "toy-news", tmp_path, force=True)
    assert json.loads((path / "manifest.json").read_text())["catalogue_release"] is False


def test_an_archive_is_refused_under_a_catalogue_name_whose_sha256_differs(
    synthetic_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _catalogue_with_sha(monkeypatch, "opus-mt-ar-en", "ab" * 32)
    with pytest.raises(ModelInstallError, match="pick another --name"):
        install_from_archive(synthetic_archive, "opus-mt-ar-en", tmp_path)
    assert not (tmp_path / "opus-mt-ar-en").exists()


def test_the_catalogue_release_itself_is_accepted_and_marked(
    synthetic_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate.fileio import sha256_file

    _catalogue_with_sha(monkeypatch, "opus-mt-ar-en", sha256_file(synthetic_archive))
    path = install_from_archive(synthetic_archive, "opus-mt-ar-en", tmp_path)
    assert json.loads((path / "manifest.json").read_text())["catalogue_release"] is True
