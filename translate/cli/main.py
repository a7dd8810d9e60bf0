"""``translate``: Arabic on stdin (or --input), English on stdout, line for line."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from ..options import TranslationOptions
from .common import configure_logging, user_errors

EPILOG = """\
Examples:

  cat article.ar.txt | translate > article.en.txt

  tail -f feed.ar.txt | translate --glossary names.yaml

  TRANSLATE_MODEL=opus-mt-ar-en translate -i report.ar.txt -o report.en.txt

Every option can also come from an environment variable (shown with each option) or
from a YAML config file (TRANSLATE_CONFIG, default: the user config dir's
arabic-translate/config.yaml) whose keys are option names, e.g. `beam_size: 5`.
"""

ModelOption = Annotated[
    str,
    typer.Option(
        "--model",
        "-m",
        envvar="TRANSLATE_MODEL",
        help="Catalogue name (see `translate models list`) or path to a CTranslate2 model dir.",
    ),
]
ModelsDirOption = Annotated[
    Path | None,
    typer.Option(envvar="TRANSLATE_MODELS_DIR", help="Where installed models live."),
]


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
    device: Annotated[
        str, typer.Option(envvar="TRANSLATE_DEVICE", help="cpu, cuda or auto.")
    ] = "cpu",
    compute_type: Annotated[
        str,
        typer.Option(
            envvar="TRANSLATE_COMPUTE_TYPE",
            help="CTranslate2 compute type; default int8 on CPU, int8_float16 on CUDA.",
        ),
    ] = "default",
    beam_size: Annotated[int, typer.Option(envvar="TRANSLATE_BEAM_SIZE")] = 4,
    threads: Annotated[
        int, typer.Option(envvar="TRANSLATE_THREADS", help="CPU threads; 0 = all cores.")
    ] = 0,
    batch_tokens: Annotated[
        int, typer.Option(envvar="TRANSLATE_BATCH_TOKENS", help="Source-token budget of a batch.")
    ] = 2048,
    max_sentence_tokens: Annotated[
        int, typer.Option(help="Longer sentences are cut at clause boundaries.")
    ] = 200,
    max_decoding_length: Annotated[
        int, typer.Option(envvar="TRANSLATE_MAX_DECODING_LENGTH", help="Target-token cap.")
    ] = 256,
    min_decoding_length: Annotated[
        int, typer.Option(envvar="TRANSLATE_MIN_DECODING_LENGTH", help="Target-token floor.")
    ] = 0,
    keep_diacritics: Annotated[bool, typer.Option(help="Keep Arabic diacritics.")] = False,
    errors: Annotated[
        str, typer.Option(help="strict: stop at invalid UTF-8; replace: use U+FFFD.")
    ] = "strict",
    glossary: Annotated[
        list[Path] | None,
        typer.Option("--glossary", "-g", help="Glossary YAML; repeatable, later files win."),
    ] = None,
    no_default_glossary: Annotated[
        bool, typer.Option("--no-default-glossary", help="Do not apply the shipped glossary.")
    ] = False,
    report: Annotated[
        Path | None, typer.Option(help="Write per-sentence glossary decisions as JSONL.")
    ] = None,
    offline: Annotated[
        bool, typer.Option(envvar="TRANSLATE_OFFLINE", help="Never download a model.")
    ] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True)] = 0,
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
        from .. import __version__

        typer.echo(f"translate {__version__}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is not None:
        return
    configure_logging(verbose)
    with user_errors():
        options = TranslationOptions(
            device=device,  # type: ignore[arg-type]
            compute_type=compute_type,
            beam_size=beam_size,
            threads=threads,
            batch_tokens=batch_tokens,
            max_sentence_tokens=max_sentence_tokens,
            max_decoding_length=max_decoding_length,
            min_decoding_length=min_decoding_length,
            keep_diacritics=keep_diacritics,
            errors=errors,  # type: ignore[arg-type]
        )
        from ..translator import Translator

        glossary_object = _load_glossary(glossary or [], not no_default_glossary)
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
    from ..stream import iter_available_chunks
    from ..translator import Translator

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


def _load_glossary(paths: list[Path], include_default: bool) -> object | None:
    if not paths and not include_default:
        return None
    try:
        from ..glossary import load_glossaries
    except ImportError:
        if paths:
            raise
        return None
    return load_glossaries(paths, include_default=include_default)


def _download_progress(model: str) -> Callable[[int, int | None], None]:
    # Shown on stderr only if the model has to be downloaded on first use.
    from .models import ProgressBar

    return ProgressBar(f"downloading {model}")
