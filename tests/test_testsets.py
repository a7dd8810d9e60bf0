import io
import tarfile
import urllib.error
import zipfile
from pathlib import Path

import pytest

from translate.errors import EvaluationError
from translate.evaluation.testsets import (
    TESTSETS,
    fetch_testset,
    load_eval_data,
    load_hypotheses,
    read_text_lines,
)


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(
    ("content", "lines"),
    [
        ("a\nb\n", ["a", "b"]),
        ("a\nb", ["a", "b"]),
        ("a \r\nb\t\n", ["a", "b"]),  # trailing whitespace stripped, as sacrebleu does
        ("a\n\nb\n", ["a", "", "b"]),
        ("x\u2028y\n", ["x\u2028y"]),  # only \n ends a line
        ("مرحبا بكم\n", ["مرحبا بكم"]),
    ],
)
def test_read_text_lines_splits_like_sacrebleu(
    tmp_path: Path, content: str, lines: list[str]
) -> None:
    assert read_text_lines(write(tmp_path / "f.txt", content), "reference") == lines


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "reference file .* is empty"),
        (b"\n \n\t\n", "reference file .* is empty"),
        (b"ok\nok\n\xe1\xff bad\n", r"is not UTF-8 \(byte 0xe1 on line 3\)"),
        ("مرحبا\n".encode("cp1256"), r"is not UTF-8 \(byte 0x.. on line 1\)"),
    ],
)
def test_read_text_lines_rejects_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    with pytest.raises(EvaluationError, match=message):
        read_text_lines(write(tmp_path / "f.txt", content), "reference")


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"source file .*nope\.ar does not exist"):
        read_text_lines(tmp_path / "nope.ar", "source")


def test_load_eval_data_cross_checks_and_limits(tmp_path: Path) -> None:
    src = write(tmp_path / "s.ar", "ا\nب\nج\n")
    ref1 = write(tmp_path / "r1.en", "a\nb\nc\n")
    ref2 = write(tmp_path / "r2.en", "A\nB\nC\n")
    data = load_eval_data([ref1, ref2], src, limit=2, name="mine")
    assert data.source == ("ا", "ب")
    assert data.references == (("a", "b"), ("A", "B"))
    assert (data.lines, data.total_lines, data.limit, data.name) == (2, 3, 2, "mine")
    full = load_eval_data([ref1])
    assert full.lines == 3 and full.source is None


def test_source_and_reference_line_counts_must_agree(tmp_path: Path) -> None:
    src = write(tmp_path / "s.ar", "ا\nب\n")
    ref = write(tmp_path / "r.en", "a\nb\nc\n")
    with pytest.raises(
        EvaluationError, match=r"s\.ar has 2 lines but reference file .*r\.en has 3"
    ):
        load_eval_data([ref], src)


def test_second_reference_must_have_the_same_length(tmp_path: Path) -> None:
    ref1 = write(tmp_path / "r1.en", "a\nb\n")
    ref2 = write(tmp_path / "r2.en", "a\n")
    with pytest.raises(EvaluationError, match=r"r2\.en has 1 lines but reference file .*r1\.en"):
        load_eval_data([ref1, ref2])


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        (4, r"--limit 4 is larger than the test set: .*r\.en has 3 lines"),
        (0, "--limit must be a positive number"),
        (-1, "--limit must be a positive number"),
    ],
)
def test_bad_limits(tmp_path: Path, limit: int, message: str) -> None:
    ref = write(tmp_path / "r.en", "a\nb\nc\n")
    with pytest.raises(EvaluationError, match=message):
        load_eval_data([ref], limit=limit)


def test_no_reference_is_an_error() -> None:
    with pytest.raises(EvaluationError, match="no reference file"):
        load_eval_data([])


def test_hypothesis_line_count_is_checked_with_both_counts(tmp_path: Path) -> None:
    data = load_eval_data([write(tmp_path / "r.en", "a\nb\nc\n")], limit=2)
    assert load_hypotheses(write(tmp_path / "full.en", "x\ny\nz\n"), data) == ("x", "y")
    assert load_hypotheses(write(tmp_path / "cut.en", "x\ny\n"), data) == ("x", "y")
    with pytest.raises(EvaluationError, match=r"hyp\.en has 4 lines but reference file .* has 3"):
        load_hypotheses(write(tmp_path / "hyp.en", "1\n2\n3\n4\n"), data)


# -- registry -------------------------------------------------------------------------------


def test_registry_has_the_standard_arabic_english_sets() -> None:
    assert {"flores200-devtest", "tico19-test", "ntrex128"} <= set(TESTSETS)
    for spec in TESTSETS.values():
        assert spec.kind in ("tar", "zip-tsv", "plain", "sacrebleu")
        assert spec.urls or spec.kind == "sacrebleu"


def test_unknown_testset_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"unknown test set 'wmt99'.*flores200-devtest"):
        fetch_testset("wmt99", cache_dir=tmp_path)


@pytest.mark.parametrize("name", sorted(TESTSETS))
def test_offline_without_cache_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("TRANSLATE_OFFLINE", "1")

    def no_network(url: str, target: Path) -> None:
        raise AssertionError("offline mode must not download")

    with pytest.raises(EvaluationError, match=f"test set {name} is not in the cache .*offline"):
        fetch_testset(name, cache_dir=tmp_path, downloader=no_network)
    assert not (tmp_path / name / "source.ar").exists()


def test_a_cached_set_works_offline(tmp_path: Path) -> None:
    folder = tmp_path / "tico19-test"
    folder.mkdir()
    write(folder / "source.ar", "ا\n")
    write(folder / "reference.en", "a\n")
    files = fetch_testset("tico19-test", cache_dir=tmp_path, offline=True)
    assert files.source == folder / "source.ar" and files.reference == folder / "reference.en"


def _tar_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, text in members.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _zip_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


LAYOUTS = {
    "flores200-devtest": lambda url: _tar_bytes(
        {
            "flores200_dataset/devtest/arb_Arab.devtest": "جملة أولى\nجملة ثانية\n",
            "flores200_dataset/devtest/eng_Latn.devtest": "First sentence\nSecond sentence\n",
        }
    ),
    "tico19-test": lambda url: _zip_bytes(
        {
            "tico19-testset/test/test.en-ar.tsv": "sourceLang\ttargetLang\tsourceString\t"
            "targetString\tstringID\turl\tlicense\ttranslator_ID\n"
            "en\tar\tFirst sentence\tجملة أولى\tid1\tu\tCC0\tt\n"
            "en\tar\tSecond sentence \tجملة ثانية\tid2\tu\tCC0\tt\n"
        }
    ),
    "ntrex128": lambda url: (
        "\ufeffجملة أولى\nجملة ثانية\n" if "arb" in url else "First sentence\nSecond sentence\n"
    ).encode("utf-8"),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_each_published_layout_is_extracted_and_cached(tmp_path: Path, name: str) -> None:
    fetched: list[str] = []

    def fake_download(url: str, target: Path) -> None:
        fetched.append(url)
        target.write_bytes(LAYOUTS[name](url))

    files = fetch_testset(name, cache_dir=tmp_path, offline=False, downloader=fake_download)
    assert read_text_lines(files.source, "source") == ["جملة أولى", "جملة ثانية"]
    assert read_text_lines(files.reference, "reference") == ["First sentence", "Second sentence"]
    assert fetched == list(TESTSETS[name].urls)
    # the second call is served from the cache, even offline
    again = fetch_testset(name, cache_dir=tmp_path, offline=True)
    assert again.source == files.source
    assert not [p for p in (tmp_path / name).iterdir() if p.name.startswith(".")]


def test_network_failure_is_an_evaluation_error(tmp_path: Path) -> None:
    def unreachable(url: str, target: Path) -> None:
        raise urllib.error.URLError("Name or service not known")

    with pytest.raises(EvaluationError, match="could not download test set ntrex128 from https"):
        fetch_testset("ntrex128", cache_dir=tmp_path, offline=False, downloader=unreachable)
    assert not (tmp_path / "ntrex128").exists()


def test_unexpected_archive_layout_is_reported(tmp_path: Path) -> None:
    def wrong(url: str, target: Path) -> None:
        target.write_bytes(_tar_bytes({"somewhere/else.txt": "x\n"}))

    with pytest.raises(EvaluationError, match="does not have the expected layout"):
        fetch_testset("flores200-devtest", cache_dir=tmp_path, offline=False, downloader=wrong)
