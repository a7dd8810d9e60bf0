"""Which files a batch run reads and writes: PATH arguments in, (input, output) pairs out.

Rules (checked before any model is loaded, all problems reported at once):

* A PATH is a file, a directory (walked recursively) or a glob (``*``, ``?``, ``[…]``,
  ``**`` for any depth). Hidden files and folders (name starting with ``.``) are not
  walked. In a directory only files of a known extension are taken, unless ``fmt``
  says which format every file is (then all its files are taken, e.g. ``*.ar`` dumps).
* The output of ``ROOT/sub/report.ar.txt`` is ``OUT/sub/report.en.txt``: the folder
  structure below the PATH (the directory itself, or a glob's fixed leading part)
  is mirrored under ``out_dir``; a named file goes straight into ``out_dir``.
* An output never replaces an input, and two inputs never share an output. Files found
  in a directory that are this run's own outputs (``--out-dir`` inside or equal to an
  input folder, on a rerun) are not inputs.
* Files found by walking or globbing whose name carries the output suffix
  (``a.en.txt`` for ``--suffix .en``) are earlier outputs, not inputs: they are left out
  and counted (``BatchPlan.ignored``). A file named on the command line is always taken.
* An existing output means the file was finished (outputs are only ever written
  whole): it is skipped unless ``force``, or unless its record (:func:`stale_jobs`) says
  its input or the settings that made it have changed since.
"""

from __future__ import annotations

import glob
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.errors import ConfigError, InputError
from translate.fileio import sha256_file
from translate.files.output import read_record

_MAGIC = re.compile(r"[*?[]")


@dataclass(frozen=True)
class FileJob:
    """One input file, its format and where its translation goes."""

    source: Path
    output: Path
    fmt: str


@dataclass(frozen=True)
class BatchPlan:
    jobs: tuple[FileJob, ...]
    """Files to translate, in a stable order (argument order, then path order)."""
    skipped: tuple[FileJob, ...]
    """Files whose output already exists (nothing to do without ``force``)."""
    out_dir: Path
    ignored: tuple[Path, ...] = ()
    """Files found that carry the output suffix: earlier outputs, not inputs."""


@dataclass(frozen=True)
class _Found:
    source: Path
    relative: Path
    explicit: bool  # named on the command line, not found by walking or globbing


def plan_batch(
    paths: Sequence[str | Path],
    out_dir: Path,
    *,
    fmt: str | None = None,
    suffix: str = ".en",
    force: bool = False,
) -> BatchPlan:
    """Expand ``paths`` into jobs; raise :class:`InputError` listing every problem."""
    from translate.files.formats import FORMATS, detect_format, output_name

    if fmt is not None and fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    if not suffix or "/" in suffix or os.sep in suffix:
        raise ConfigError(f"suffix {suffix!r} must be a non-empty file-name part such as '.en'")
    out_root = Path(out_dir).expanduser().resolve()
    problems: list[str] = []
    found: list[_Found] = []
    for raw in paths:
        found.extend(_expand(str(raw), out_root, fmt, problems))

    candidates: list[tuple[_Found, Path, str]] = []
    seen: set[Path] = set()
    ignored: list[Path] = []
    for item in found:
        key = item.source.resolve()
        if key in seen:
            continue
        seen.add(key)
        if not item.explicit and _carries_suffix(item.source.name, suffix, output_name):
            ignored.append(item.source)
            continue
        try:
            name = fmt or detect_format(item.source)
        except InputError as exc:
            problems.append(str(exc))
            continue
        output = out_root / item.relative.parent / output_name(item.relative.name, suffix)
        candidates.append((item, output, name))

    # Files found by walking that another input of this run writes are earlier outputs
    # (a rerun with --out-dir inside or equal to an input folder), not inputs.
    produced = {output for item, output, _ in candidates if output != item.source.resolve()}
    kept = [
        (item, output, name)
        for item, output, name in candidates
        if item.explicit or item.source.resolve() not in produced or output == item.source.resolve()
    ]
    inputs = {item.source.resolve() for item, _, _ in kept}
    jobs: list[FileJob] = []
    writers: dict[Path, Path] = {}
    for item, output, name in kept:
        if output == item.source.resolve():
            problems.append(f"{item.source}: its output would replace it; choose another --out-dir")
        elif output in inputs:
            problems.append(f"{item.source}: its output {output} is an input of this run")
        elif output in writers:
            problems.append(
                f"{writers[output]} and {item.source} would both be written to {output}; "
                "translate them in separate runs or rename one"
            )
        else:
            writers[output] = item.source
            jobs.append(FileJob(item.source, output, name))
    if problems:
        if len(problems) == 1:
            raise InputError(f"cannot start: {problems[0]}")
        raise InputError(f"cannot start ({len(problems)} problems):\n  " + "\n  ".join(problems))
    if force:
        return BatchPlan(tuple(jobs), (), out_root, tuple(ignored))
    todo = tuple(job for job in jobs if not job.output.exists())
    done = tuple(job for job in jobs if job.output.exists())
    return BatchPlan(todo, done, out_root, tuple(ignored))


def _carries_suffix(name: str, suffix: str, output_name: Callable[[str, str], str]) -> bool:
    """``a.en.txt`` carries ``.en``: its name without the extension ends with it. A name
    that is its own output (``x.ar.txt`` with ``--suffix .ar``) is left to the check that
    an output never replaces an input."""
    ext = Path(name).suffix
    stem = name[: len(name) - len(ext)] if ext else name
    return stem.endswith(suffix) and stem != suffix and output_name(name, suffix) != name


def output_record(
    job: FileJob, source_sha256: str, settings: Mapping[str, object], signature: object
) -> str:
    """The record written beside an output: what it was made from and with."""
    record = {
        "source": str(job.source),
        "source_sha256": source_sha256,
        "settings": {"format": job.fmt, **settings},
        "signature": signature,
    }
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"


def _normal(value: object) -> object:
    """``value`` as it reads back from a record (tuples become lists and so on)."""
    return json.loads(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))


def _sha256_or_none(path: Path) -> str | None:
    try:
        return sha256_file(path)
    except OSError:
        return None  # unreadable now: redone, so the run reports why


def stale_jobs(
    done: Sequence[FileJob],
    settings: Mapping[str, object],
    signature: Callable[[], object],
) -> tuple[list[FileJob], list[FileJob]]:
    """Split finished outputs into ``(stale, fresh)``.

    Stale: its input's bytes, the format settings, or the translation signature (model,
    revision, options, glossary…) differ from those its record names. ``signature`` is
    called only when an output's input and settings match (it may load the model). An
    output without a record (written before records existed, or by hand) is trusted.
    """
    stale: list[FileJob] = []
    fresh: list[FileJob] = []
    for job in done:
        record = read_record(job.output)
        if record is None:
            fresh.append(job)
        elif (
            record.get("source_sha256") != _sha256_or_none(job.source)
            or record.get("settings") != _normal({"format": job.fmt, **settings})
            or record.get("signature") != _normal(signature())
        ):
            stale.append(job)
        else:
            fresh.append(job)
    return stale, fresh


def _expand(raw: str, out_root: Path, fmt: str | None, problems: list[str]) -> Iterator[_Found]:
    path = Path(raw).expanduser()
    if path.is_dir():
        yield from _walk(path, path, out_root, fmt)
    elif path.is_file():
        yield _Found(path, Path(path.name), explicit=True)
    elif _MAGIC.search(raw):
        matches = sorted(glob.glob(os.path.expanduser(raw), recursive=True))
        base = _glob_base(path)
        # Skip what lies in the output folder when that folder is inside the searched tree.
        skip_out = base.resolve() in out_root.parents
        files = 0
        for match in map(Path, matches):
            if match.is_dir():
                for item in _walk(match, base, out_root, fmt):
                    files += 1
                    yield item
            elif match.is_file() and not (skip_out and _inside(match.resolve(), out_root)):
                files += 1
                yield _Found(match, match.relative_to(base), explicit=False)
        if not files:
            problems.append(f"{raw}: the pattern matches no file")
    elif path.exists():
        problems.append(f"{raw}: not a regular file or directory")
    else:
        problems.append(f"{raw}: no such file or directory")


def _walk(folder: Path, base: Path, out_root: Path, fmt: str | None) -> Iterator[_Found]:
    from translate.files.formats import FORMATS

    known = {ext for spec in FORMATS.values() for ext in spec.extensions}
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        # Never descend into the output folder when it sits inside an input folder.
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (here / d).resolve() != out_root
        )
        for name in sorted(files):
            if name.startswith("."):
                continue
            if fmt is None and Path(name).suffix.lower() not in known:
                continue
            path = here / name
            if path.is_file():
                yield _Found(path, path.relative_to(base), explicit=False)


def _glob_base(pattern: Path) -> Path:
    """The leading part of a glob without wildcards: what its matches are relative to."""
    parts: list[str] = []
    for part in pattern.parts:
        if _MAGIC.search(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
