"""``translate``: Arabic on stdin (or --input), English on stdout, line for line."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from translate.cli.common import configure_logging, user_errors
from translate.cli.shared_options import (
    BatchTokensOption,
    BeamSizeOption,
    ComputeTypeOption,
    DeviceOption,
    ErrorsOption,
    GlossaryModeOption,
    GlossaryOption,
    KeepDiacriticsOption,
    MaxDecodingLengthOption,
    MaxSentenceTokensOption,
    MinDecodingLengthOption,
    ModelOption,
    ModelsDirOption,
    NoDefaultGlossaryOption,
    OfflineOption,
    ThreadsOption,
    VerboseOption,
    build_options,
    load_glossary_option,
)

EPILOG = """\
Examples:

  cat article.ar.txt | translate > article.en.txt

  tail -f feed.ar.txt | translate --glossary names.yaml

  TRANSLATE_MODEL=opus-mt-ar-en translate -i report.ar.txt -o report.en.txt

Every option can also come from an environment variable (shown with each option) or
from a YAML config file (TRANSLATE_CONFIG, default: the user config dir's
arabic-translate/config.yaml) whose keys are option names, e.g. `beam_size: 5`.
"""


def translate_stream(
    ctx: typer.Context,
    model: ModelOption = "opus-mt-tc-big-ar-en",
    input_path: Annotated[
        Path | None, typer.Option("--input", "-i", help="Read this file instead of stdin.")
    ] = None,
    output_path: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    models_dir: ModelsDirOption = None,
    device: DeviceOption = "cpu",
    compute_type: ComputeTypeOption = "default",
    beam_size: BeamSizeOption = 4,
    threads: ThreadsOption = 0,
    batch_tokens: BatchTokensOption = 2048,
    max_sentence_tokens: MaxSentenceTokensOption = 200,
    max_decoding_length: MaxDecodingLengthOption = 256,
    min_decoding_length: MinDecodingLengthOption = 0,
    keep_diacritics: KeepDiacriticsOption = False,
    errors: ErrorsOption = "strict",
    glossary: GlossaryOption = None,
    no_default_glossary: NoDefaultGlossaryOption = False,
    glossary_mode: GlossaryModeOption = "align",
    report: Annotated[
        Path | None, typer.Option(help="Write per-sentence glossary decisions as JSONL.")
    ] = None,
    offline: OfflineOption = False,
    verbose: VerboseOption = 0,
    debug: Annotated[
        bool, typer.Option("--debug", envvar="TRANSLATE_DEBUG", help="Show tracebacks.")
    ] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    """Translate Arabic text to English, one output line per input line.

    Reads stdin (or --input) and writes each line as soon as it is translated, so it
    works at the end of `tail -f`. Subcommands below do everything else.
    """
    if debug:
        os.environ["TRANSLATE_DEBUG"] = "1"
    if version:
        from translate import __version__

        typer.echo(f"translate {__version__}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is not None:
        return
    configure_logging(verbose)
    with user_errors():
        options = build_options(
            device=device,
            compute_type=compute_type,
            beam_size=beam_size,
            threads=threads,
            batch_tokens=batch_tokens,
            max_sentence_tokens=max_sentence_tokens,
            max_decoding_length=max_decoding_length,
            min_decoding_length=min_decoding_length,
            keep_diacritics=keep_diacritics,
            errors=errors,
            glossary_mode=glossary_mode,
        )
        from translate.translator import Translator

        glossary_object = load_glossary_option(glossary, no_default_glossary)
        translator = Translator(
            model,
            options,
            glossary=glossary_object,
            models_dir=models_dir,
            offline=offline,
            progress=_download_progress(model),
        )
        source: BinaryIO = input_path.open("rb") if input_path else sys.stdin.buffer
        sink: BinaryIO = output_path.open("wb") if output_path else sys.stdout.buffer
        try:
            _run(translator, source, sink, errors, report, verbose)
        finally:
            if input_path:
                source.close()
            if output_path:
                sink.close()


def _run(
    translator: object,
    source: BinaryIO,
    sink: BinaryIO,
    errors: str,
    report: Path | None,
    verbose: int,
) -> None:
    from translate.cli.stream import iter_available_chunks
    from translate.translator import Translator

    assert isinstance(translator, Translator)
    report_file = report.open("w", encoding="utf-8", newline="\n") if report else None
    lines = sentences = 0
    try:
        for number, result in enumerate(
            translator.translate_chunks(iter_available_chunks(source, errors=errors)), 1
        ):
            sink.write(result.text.encode("utf-8") + b"\n")
            sink.flush()
            lines += 1
            sentences += result.sentences
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
            f"translate: {lines} lines, {sentences} sentences, model {translator.model.name}",
            err=True,
        )


def _download_progress(model: str) -> Callable[[int, int | None], None]:
    # Shown on stderr only if the model has to be downloaded on first use.
    from translate.cli.models import ProgressBar

    return ProgressBar(f"downloading {model}")
