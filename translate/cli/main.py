"""``translate``: Arabic on stdin (or --input), English on stdout, line for line."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from translate.cli.common import configure_logging, user_errors
from translate.cli.documents import document_results
from translate.cli.paths import (
    STDIN,
    atomic_output,
    check_input,
    check_output,
    is_stdin,
    refuse_overwriting_inputs,
)
from translate.cli.settings import TRANSLATION, TranslationSettings, translation_options
from translate.cli.stream import ChunkReader
from translate.errors import InputError
from translate.progress import DownloadProgress

if TYPE_CHECKING:
    from translate.engine.pipeline import LineResult
    from translate.translator import Translator

EPILOG = """\
Examples:

  cat article.ar.txt | translate > article.en.txt

  tail -f feed.ar.txt | translate --glossary names.yaml

  TRANSLATE_MODEL=opus-mt-ar-en translate -i report.ar.txt -o report.en.txt

Every option can also come from an environment variable (shown with each option) or
from a YAML config file (TRANSLATE_CONFIG, default: the user config dir's
arabic-translate/config.yaml) whose keys are option names, e.g. `beam_size: 5`; flags
win over variables, variables over the file. The file applies to every command.
"""


def _print_version(value: bool) -> None:
    if value:
        from translate import __version__

        typer.echo(f"translate {__version__}")
        raise typer.Exit(0)


@translation_options(TRANSLATION)
def translate_stream(
    *,
    settings: TranslationSettings,
    inputs: Annotated[
        list[Path] | None,
        typer.Option(
            "--input",
            "-i",
            help="Read this file instead of stdin; repeatable, one after the other like "
            "`cat` ('-' is stdin). Files can also be given as arguments: translate a.txt b.txt",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here instead of stdout (whole at the end: the file is replaced "
            "only when the translation is complete).",
        ),
    ] = None,
    document_separator: Annotated[
        str | None,
        typer.Option(
            envvar="TRANSLATE_DOCUMENT_SEPARATOR",
            help="With --consistent-names: a line equal to this ends a document (it is "
            "copied to the output as it is); without it, each input is one document.",
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            envvar="TRANSLATE_REPORT",
            help="Write per-sentence glossary decisions and quality flags as JSONL.",
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", envvar="TRANSLATE_DEBUG", help="Show tracebacks.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Translate Arabic text to English, one output line per input line.

    Reads the files given (or stdin) and writes each line as soon as it is translated,
    so it works at the end of `tail -f`. Subcommands below do everything else.
    """
    configure_logging(settings.verbose)
    sources = list(inputs or [Path(STDIN)])
    with user_errors():
        # Every path is checked before the model loads (which can take a while).
        for path in sources:
            check_input(path)
        outputs = [(flag, path) for flag, path in (("-o", output), ("--report", report)) if path]
        for flag, path in outputs:
            check_output(path, flag)
        refuse_overwriting_inputs(sources, outputs)
        if any(is_stdin(path) for path in sources) and _stdin_is_a_terminal():
            typer.echo(HINT, err=True)

        # Shown on stderr only if the model has to be downloaded on first use; closed
        # once the model is resolved, so the bar does not stay under the translations.
        with contextlib.closing(DownloadProgress(f"downloading {settings.model}")) as download:
            translator = settings.translator(progress=download)
        with contextlib.ExitStack() as stack:
            sink = stack.enter_context(atomic_output(output)) if output else sys.stdout.buffer
            if settings.options.consistent_names:
                files = (_read_chunks([path], settings.options.errors) for path in sources)
                results = document_results(translator, files, document_separator)
            else:
                chunks = stack.enter_context(
                    contextlib.closing(_read_chunks(sources, settings.options.errors))
                )
                results = translator.translate_chunks(chunks)
            _run(translator, results, sink, report, settings.verbose)


HINT = (
    "translate: reading Arabic from the terminal, a line at a time; end with Ctrl-D. "
    "(translate FILE... reads files; translate --help shows more.)"
)


def _stdin_is_a_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _read_chunks(sources: list[Path], errors: str) -> Generator[list[str], None, None]:
    """The lines of every source in turn, in chunks of what has arrived."""
    for path in sources:
        with contextlib.ExitStack() as stack:
            stream: BinaryIO = (
                sys.stdin.buffer if is_stdin(path) else stack.enter_context(path.open("rb"))
            )
            reader = stack.enter_context(ChunkReader(stream, errors=errors))
            try:
                yield from reader
            except InputError as exc:
                if is_stdin(path):
                    raise
                raise InputError(f"{path}: {exc}") from None


def _run(
    translator: Translator,
    results: Iterator[LineResult],
    sink: BinaryIO,
    report: Path | None,
    verbose: int,
) -> None:
    report_file = report.open("w", encoding="utf-8", newline="\n") if report else None
    lines = sentences = flagged = 0
    try:
        for number, result in enumerate(results, 1):
            sink.write(result.text.encode("utf-8") + b"\n")
            sink.flush()
            lines += 1
            sentences += result.sentences
            flagged += result.flagged
            if report_file is not None:
                for entry in result.report:
                    report_file.write(
                        json.dumps({"line": number, **entry}, ensure_ascii=False) + "\n"
                    )
    finally:
        if report_file is not None:
            report_file.close()
    if verbose:
        typer.echo(
            f"translate: {lines} lines, {sentences} sentences ({flagged} flagged to check), "
            f"model {translator.model.name}",
            err=True,
        )
