"""Where evaluation text comes from: local files, checked, and a registry of standard test sets.

Local files are read the way the ``sacrebleu`` command reads them (split on ``\\n``, trailing
whitespace stripped) so that scores computed here equal the ones it prints for the same files.
Standard test sets are downloaded once into the user cache directory and read from there
afterwards, so a cached set also works offline.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tarfile
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.errors import EvaluationError
from translate.fileio import atomic_write_text, decode_utf8_strict

logger = logging.getLogger(__name__)

Downloader = Callable[[str, Path], None]

_OFFLINE_VALUES = {"1", "true", "yes", "on"}
_NOT_UTF8 = (
    "{source} is not UTF-8 (byte 0x{byte:02x} on line {line}); "
    "convert it first, e.g. iconv -f cp1256 -t utf-8"
)


def read_text_lines(path: Path, role: str) -> list[str]:
    """Read a UTF-8 text file as ``sacrebleu`` does: one segment per ``\\n``-terminated line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EvaluationError(f"{role} file {path} does not exist") from None
    except OSError as exc:
        raise EvaluationError(f"cannot read {role} file {path}: {exc.strerror}") from None
    if not data.strip():
        raise EvaluationError(f"{role} file {path} is empty")
    text = decode_utf8_strict(data, f"{role} file {path}", error=EvaluationError, message=_NOT_UTF8)
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.rstrip() for line in lines]


@dataclass(frozen=True)
class EvalData:
    """Line-aligned source and reference text, already cut to ``limit`` lines."""

    references: tuple[tuple[str, ...], ...]
    source: tuple[str, ...] | None = None
    source_path: Path | None = None
    reference_paths: tuple[Path, ...] = ()
    name: str | None = None
    total_lines: int = 0
    limit: int | None = None

    @property
    def lines(self) -> int:
        return len(self.references[0])


def load_eval_data(
    references: Sequence[Path],
    source: Path | None = None,
    *,
    limit: int | None = None,
    name: str | None = None,
) -> EvalData:
    """Read and cross-check a source file and one or more reference files."""
    if not references:
        raise EvaluationError("no reference file given (use --ref FILE or --testset NAME)")
    if limit is not None and limit < 1:
        raise EvaluationError(f"--limit must be a positive number of lines, not {limit}")
    first = Path(references[0])
    refs = [read_text_lines(Path(p), "reference") for p in references]
    total = len(refs[0])
    for path, lines in zip(references[1:], refs[1:], strict=True):
        if len(lines) != total:
            raise EvaluationError(
                f"reference file {path} has {len(lines)} lines "
                f"but reference file {first} has {total} lines"
            )
    src: list[str] | None = None
    if source is not None:
        src = read_text_lines(Path(source), "source")
        if len(src) != total:
            raise EvaluationError(
                f"source file {source} has {len(src)} lines "
                f"but reference file {first} has {total} lines"
            )
    if limit is not None and limit > total:
        raise EvaluationError(
            f"--limit {limit} is larger than the test set: {first} has {total} lines"
        )
    keep = total if limit is None else limit
    return EvalData(
        references=tuple(tuple(r[:keep]) for r in refs),
        source=None if src is None else tuple(src[:keep]),
        source_path=None if source is None else Path(source),
        reference_paths=tuple(Path(p) for p in references),
        name=name,
        total_lines=total,
        limit=limit,
    )


def load_hypotheses(path: Path, data: EvalData) -> tuple[str, ...]:
    """Read a system output; it must cover the whole test set (or exactly ``limit`` lines)."""
    lines = read_text_lines(Path(path), "hypothesis")
    if len(lines) != data.total_lines and len(lines) != data.limit:
        ref = data.reference_paths[0] if data.reference_paths else "the reference"
        raise EvaluationError(
            f"hypothesis file {path} has {len(lines)} lines "
            f"but reference file {ref} has {data.total_lines} lines"
        )
    return tuple(lines[: data.lines])


# -- registry of standard test sets ---------------------------------------------------------


@dataclass(frozen=True)
class TestsetSpec:
    """How to obtain one standard test set, Arabic source and English reference.

    ``kind`` says how ``urls`` and ``members`` are read: ``tar`` (one archive, members are the
    source and reference files), ``zip-tsv`` (one archive, ``members[0]`` a TSV with a header
    whose ``columns`` hold source and reference), ``plain`` (two URLs, source then reference),
    ``sacrebleu`` (``members`` is sacrebleu's dataset name and language pair).
    """

    __test__ = False  # not a pytest class, despite the name

    name: str
    description: str
    kind: str
    urls: tuple[str, ...]
    members: tuple[str, ...] = ()
    columns: tuple[int, int] = (0, 1)
    lines: int | None = None
    licence: str = ""


TESTSETS: dict[str, TestsetSpec] = {
    spec.name: spec
    for spec in (
        TestsetSpec(
            name="flores200-devtest",
            description="FLORES-200 devtest, arb_Arab → eng_Latn (Wikinews/Wikibooks/Wikivoyage)",
            kind="tar",
            urls=("https://dl.fbaipublicfiles.com/nllb/flores200_dataset.tar.gz",),
            members=(
                "flores200_dataset/devtest/arb_Arab.devtest",
                "flores200_dataset/devtest/eng_Latn.devtest",
            ),
            lines=1012,
            licence="CC BY-SA 4.0",
        ),
        TestsetSpec(
            name="tico19-test",
            description="TICO-19 test, ar → en (COVID-19 domain; the Arabic is a translation)",
            kind="zip-tsv",
            urls=("https://tico-19.github.io/data/tico19-testset.zip",),
            # columns: sourceLang, targetLang, sourceString (English), targetString (Arabic), …
            members=("tico19-testset/test/test.en-ar.tsv",),
            columns=(3, 2),
            lines=2100,
            licence="CC0 1.0",
        ),
        TestsetSpec(
            name="ntrex128",
            description="NTREX-128 (WMT19 news test), ar → en; the Arabic is a translation",
            kind="plain",
            urls=(
                "https://raw.githubusercontent.com/MicrosoftTranslator/NTREX/main/"
                "NTREX-128/newstest2019-ref.arb.txt",
                "https://raw.githubusercontent.com/MicrosoftTranslator/NTREX/main/"
                "NTREX-128/newstest2019-src.eng.txt",
            ),
            lines=1997,
            licence="CC BY-SA 4.0",
        ),
        TestsetSpec(
            name="iwslt17-ar-en",
            description="IWSLT 2017 TED talks test, ar → en, through sacrebleu's own downloader",
            kind="sacrebleu",
            urls=(),
            members=("iwslt17", "ar-en"),
            licence="CC BY-NC-ND 4.0",
        ),
    )
}


@dataclass(frozen=True)
class TestsetFiles:
    """A standard test set as two local, line-aligned files."""

    __test__ = False

    name: str
    source: Path
    reference: Path
    origin: str


def testset_cache_dir() -> Path:
    """The per-user folder where downloaded test sets are kept."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("arabic-translate")) / "testsets"


def is_offline() -> bool:
    return os.environ.get("TRANSLATE_OFFLINE", "").strip().lower() in _OFFLINE_VALUES


def fetch_testset(
    name: str,
    *,
    cache_dir: Path | None = None,
    offline: bool | None = None,
    downloader: Downloader | None = None,
) -> TestsetFiles:
    """Return the cached files of a standard test set, downloading them on first use."""
    spec = TESTSETS.get(name)
    if spec is None:
        known = ", ".join(sorted(TESTSETS))
        raise EvaluationError(f"unknown test set {name!r}; known test sets: {known}")
    folder = (cache_dir or testset_cache_dir()) / name
    source, reference = folder / "source.ar", folder / "reference.en"
    origin = spec.urls[0] if spec.urls else "sacrebleu:" + "/".join(spec.members)
    if source.is_file() and reference.is_file():
        return TestsetFiles(name, source, reference, origin)
    if offline if offline is not None else is_offline():
        raise EvaluationError(
            f"test set {name} is not in the cache ({folder}) and offline mode is on "
            "(TRANSLATE_OFFLINE); fetch it once on a machine with network access, "
            "or pass local files with --src and --ref"
        )
    try:
        src_lines, ref_lines = _obtain(spec, folder, downloader or _download)
    except EvaluationError:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: never leave a cache entry that is not a set
        raise
    if len(src_lines) != len(ref_lines) or not src_lines:
        raise EvaluationError(
            f"test set {name} from {origin} is malformed: {len(src_lines)} source lines, "
            f"{len(ref_lines)} reference lines"
        )
    if spec.lines is not None and len(src_lines) != spec.lines:
        logger.warning("%s has %d lines, %d were published", name, len(src_lines), spec.lines)
    _write_lines(source, src_lines)
    _write_lines(reference, ref_lines)
    return TestsetFiles(name, source, reference, origin)


def _obtain(spec: TestsetSpec, folder: Path, download: Downloader) -> tuple[list[str], list[str]]:
    if spec.kind == "sacrebleu":
        return _from_sacrebleu(spec)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".download-") as tmp:
        files = []
        for index, url in enumerate(spec.urls):
            target = Path(tmp) / f"part{index}"
            try:
                download(url, target)
            except EvaluationError:
                raise
            except OSError as exc:  # URLError, timeouts and refused connections all land here
                raise EvaluationError(
                    f"could not download test set {spec.name} from {url} ({exc}); "
                    "check the network, or pass local files with --src and --ref"
                ) from None
            files.append(target)
        try:
            return _extract(spec, files)
        except (KeyError, IndexError, tarfile.TarError, zipfile.BadZipFile) as exc:
            raise EvaluationError(
                f"test set {spec.name} downloaded from {spec.urls[0]} does not have the "
                f"expected layout ({type(exc).__name__}: {exc})"
            ) from None


def _extract(spec: TestsetSpec, files: list[Path]) -> tuple[list[str], list[str]]:
    if spec.kind == "tar":
        with tarfile.open(files[0]) as tar:
            texts = []
            for member in spec.members:
                handle = tar.extractfile(member)
                if handle is None:
                    raise KeyError(member)
                texts.append(_decode(handle.read(), spec, member))
        return _split(texts[0]), _split(texts[1])
    if spec.kind == "zip-tsv":
        with zipfile.ZipFile(files[0]) as archive:
            rows = _split(_decode(archive.read(spec.members[0]), spec, spec.members[0]))[1:]
        cells = [row.split("\t") for row in rows if row]
        src_col, ref_col = spec.columns
        return [c[src_col].strip() for c in cells], [c[ref_col].strip() for c in cells]
    if spec.kind == "plain":
        return (
            _split(_decode(files[0].read_bytes(), spec, "the source")),
            _split(_decode(files[1].read_bytes(), spec, "the reference")),
        )
    raise ValueError(f"unknown test set kind {spec.kind!r}")


def _decode(data: bytes, spec: TestsetSpec, part: str) -> str:
    return decode_utf8_strict(
        data,
        f"{part} of test set {spec.name} downloaded from {spec.urls[0]}",
        error=EvaluationError,
        message="{source} is not UTF-8 (byte 0x{byte:02x} on line {line})",
    )


def _from_sacrebleu(spec: TestsetSpec) -> tuple[list[str], list[str]]:
    from sacrebleu.utils import get_reference_files, get_source_file

    dataset, langpair = spec.members
    try:
        source = get_source_file(dataset, langpair)
        reference = get_reference_files(dataset, langpair)[0]
    except (Exception, SystemExit) as exc:  # sacrebleu exits the process on some failures
        raise EvaluationError(
            f"sacrebleu could not fetch {dataset} {langpair} ({exc or type(exc).__name__}); "
            "check the network, or pass local files with --src and --ref"
        ) from None
    return read_text_lines(Path(source), "source"), read_text_lines(Path(reference), "reference")


def _split(text: str) -> list[str]:
    lines = text.lstrip("\ufeff").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip() for line in lines]


def _download(url: str, target: Path) -> None:
    logger.info("downloading %s", url)
    with urllib.request.urlopen(url, timeout=60) as response, target.open("wb") as out:
        shutil.copyfileobj(response, out, length=1 << 20)


def _write_lines(path: Path, lines: Sequence[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, "".join(line + "\n" for line in lines))
