"""``translate files PATH... --out-dir DIR``: translate documents, folders and globs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from translate.cli.common import PROG, configure_logging, user_errors
from translate.cli.paths import check_output
from translate.cli.settings import FILES, TranslationSettings, translation_options
from translate.errors import ConfigError
from translate.files.formats.jsonl import check_options as check_jsonl_options
from translate.files.run import BatchSummary, Engine, EngineSpec, translate_files
from translate.progress import BatchProgressPrinter

PLAIN_INTERVAL = 10.0
TTY_INTERVAL = 0.2


@translation_options(FILES)
def files_command(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Files, folders (recursive) or globs.")
    ],
    out_dir: Annotated[
        Path, typer.Option("--out-dir", "-O", help="Where translations go (mirrored folders).")
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            envvar="TRANSLATE_FORMAT",
            help="Format of every input; default by extension.",
        ),
    ] = None,
    suffix: Annotated[
        str, typer.Option(envvar="TRANSLATE_SUFFIX", help="Replaces .ar in output names.")
    ] = ".en",
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            envvar="TRANSLATE_FIELD",
            help="JSON Lines field to translate (dotted path); repeatable.",
        ),
    ] = None,
    output_field: Annotated[
        str | None,
        typer.Option(
            envvar="TRANSLATE_OUTPUT_FIELD",
            help="JSON Lines field for the translation; default <field>_en.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force/--no-force", envvar="TRANSLATE_FORCE", help="Redo files already translated."
        ),
    ] = False,
    cache: Annotated[
        Path | None,
        typer.Option(envvar="TRANSLATE_CACHE", help="SQLite file keeping translations for reruns."),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet/--no-quiet", "-q", envvar="TRANSLATE_QUIET", help="No progress and no summary."
        ),
    ] = False,
    engine: Annotated[
        str, typer.Option(envvar="TRANSLATE_ENGINE", help="local, or ray for a Ray cluster.")
    ] = "local",
    ray_address: Annotated[
        str | None,
        typer.Option(
            envvar=["TRANSLATE_RAY_ADDRESS", "RAY_ADDRESS"],
            help="Ray cluster to use; default: start a local one.",
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            envvar="TRANSLATE_REPORT",
            help="Write glossary decisions and quality flags as JSONL (file and location).",
        ),
    ] = None,
    flags: Annotated[
        Path | None,
        typer.Option(
            envvar="TRANSLATE_FLAGS",
            help="Write one TSV row per flagged sentence (file, location, codes, evidence, "
            "source, output): the sentences to check.",
        ),
    ] = None,
    *,
    settings: TranslationSettings,
) -> None:
    """Translate files and folders of Arabic documents into English files.

    Formats by extension: .txt .srt .vtt .jsonl .docx .html .md (or --format).
    Outputs mirror the input folders under --out-dir: report.ar.txt -> report.en.txt.
    The model is loaded once and sentences from all files share batches; identical
    sentences are translated once (and across runs with --cache). Finished outputs
    are skipped (--force redoes them), so a killed run resumes where it stopped. A
    file that cannot be read is reported and the others go on. Exit code 1 when a
    file failed, 2 on a usage or set-up error.

    \b
    Examples:
      translate files news/ --out-dir news-en/
      translate files 'dumps/**/*.jsonl' --field title --field body --out-dir en/
      translate files docs/ --out-dir out/ --cache ~/.cache/tr.db --engine ray
    """
    configure_logging(settings.verbose)
    with user_errors():
        if engine not in ("local", "ray"):
            raise ConfigError(f"--engine must be local or ray, not {engine!r}")
        if report is not None:
            check_output(report, "--report")
        if flags is not None:
            check_output(flags, "--flags")
        format_options: dict[str, object] = {"errors": settings.options.errors}
        if field:
            format_options["fields"] = list(field)
        if output_field:
            format_options["output_field"] = output_field
        # A field plan that cannot work is a usage error: say so before the model loads,
        # not once per file after it.
        check_jsonl_options(format_options)
        spec = EngineSpec(
            model=settings.model,
            options=settings.options,
            glossary=settings.load_glossary(),
            models_dir=settings.models_dir,
            offline=settings.offline,
            cache_path=cache.expanduser().resolve() if cache else None,
        )
        printer = BatchProgressPrinter(
            sys.stderr,
            prog=f"{PROG} files",
            quiet=quiet,
            redraw=TTY_INTERVAL,
            plain_interval=PLAIN_INTERVAL,
        )
        try:
            summary = translate_files(
                paths,
                out_dir,
                lambda: _make_engine(spec, engine, ray_address),
                fmt=fmt,
                suffix=suffix,
                force=force,
                format_options=format_options,
                progress=printer,
                report=report,
                flags=flags,
                # Known without loading the model: a rerun checks its outputs against
                # it and loads the model only if one is stale.
                signature=spec.signature(),
            )
        finally:
            printer.close()
    _print_outcome(summary, quiet, settings.verbose)
    if summary.files_failed:
        raise typer.Exit(1)


def _make_engine(spec: EngineSpec, engine: str, address: str | None) -> Engine:
    if engine == "ray":
        from translate.files.ray_engine import RayEngine

        return RayEngine(spec, address=address)
    from translate.files.run import LocalEngine

    return LocalEngine.open(spec)


def _print_outcome(summary: BatchSummary, quiet: bool, verbose: int = 0) -> None:
    for problem in summary.problems:
        typer.echo(f"{PROG} files: warning: {problem}", err=True)
    for failure in summary.failures:
        typer.echo(f"{PROG} files: failed: {failure.path}: {failure.reason}", err=True)
    if quiet:
        return
    ignored = (
        f"; {summary.files_ignored} earlier outputs among the inputs left out"
        if summary.files_ignored
        else ""
    )
    if not summary.files_done + summary.files_failed:
        typer.echo(
            f"{PROG} files: nothing to do; {summary.files_skipped} files already translated "
            f"(--force redoes them){ignored}",
            err=True,
        )
        return
    decoded = ""
    if summary.decoded_sentences is not None and summary.decoded_sentences < summary.sentences:
        decoded = f" ({summary.decoded_sentences} decoded, the rest cached or repeated)"
    redone = (
        f" ({summary.files_redone} redone: input or settings changed)"
        if summary.files_redone
        else ""
    )
    line = (
        f"{PROG} files: {summary.files_done} done{redone}, {summary.files_skipped} skipped, "
        f"{summary.files_failed} failed{ignored}; {summary.sentences} sentences{decoded} in "
        f"{summary.seconds:.1f} s ({summary.sentences_per_second:.1f} sentences/s)"
    )
    if summary.load_seconds:
        line += f", model loaded in {summary.load_seconds:.1f} s"
    typer.echo(line, err=True)
    for counts in summary.flagged:
        typer.echo(f"{PROG} files: to check: {counts.describe()}", err=True)
    if verbose and summary.signature:
        made_by = ", ".join(f"{key} {value}" for key, value in summary.signature.items())
        typer.echo(f"{PROG} files: made by {made_by}", err=True)
