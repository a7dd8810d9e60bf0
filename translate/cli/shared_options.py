"""Model, translation and glossary options shared by the commands that translate.

Each option is an ``Annotated`` type with the same flag, environment variable and help
as the main command, so ``translate files`` (and any later command) accepts exactly
the main command's spellings; :func:`build_options` turns their values into one
:class:`~translate.options.TranslationOptions` and :func:`load_glossary_option` loads
the glossaries the way the main command does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from translate.options import TranslationOptions

__all__ = [
    "BatchTokensOption",
    "BeamSizeOption",
    "ComputeTypeOption",
    "DeviceOption",
    "ErrorsOption",
    "GlossaryModeOption",
    "GlossaryOption",
    "KeepDiacriticsOption",
    "MaxDecodingLengthOption",
    "MaxSentenceTokensOption",
    "MinDecodingLengthOption",
    "ModelOption",
    "ModelsDirOption",
    "NoDefaultGlossaryOption",
    "OfflineOption",
    "ThreadsOption",
    "VerboseOption",
    "build_options",
    "load_glossary_option",
]

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
    typer.Option(
        envvar="TRANSLATE_MODELS_DIR",
        help="Where installed models live (default: the per-user data folder).",
    ),
]
DeviceOption = Annotated[str, typer.Option(envvar="TRANSLATE_DEVICE", help="cpu, cuda or auto.")]
ComputeTypeOption = Annotated[
    str,
    typer.Option(
        envvar="TRANSLATE_COMPUTE_TYPE",
        help="CTranslate2 compute type; default int8 on CPU, int8_float16 on CUDA.",
    ),
]
BeamSizeOption = Annotated[int, typer.Option(envvar="TRANSLATE_BEAM_SIZE")]
ThreadsOption = Annotated[
    int, typer.Option(envvar="TRANSLATE_THREADS", help="CPU threads; 0 = all cores.")
]
BatchTokensOption = Annotated[
    int, typer.Option(envvar="TRANSLATE_BATCH_TOKENS", help="Source-token budget of a batch.")
]
MaxSentenceTokensOption = Annotated[
    int, typer.Option(help="Longer sentences are cut at clause boundaries.")
]
MaxDecodingLengthOption = Annotated[
    int, typer.Option(envvar="TRANSLATE_MAX_DECODING_LENGTH", help="Target-token cap.")
]
MinDecodingLengthOption = Annotated[
    int, typer.Option(envvar="TRANSLATE_MIN_DECODING_LENGTH", help="Target-token floor.")
]
KeepDiacriticsOption = Annotated[bool, typer.Option(help="Keep Arabic diacritics.")]
ErrorsOption = Annotated[
    str, typer.Option(help="strict: refuse invalid UTF-8; replace: use U+FFFD.")
]
GlossaryOption = Annotated[
    list[Path] | None,
    typer.Option("--glossary", "-g", help="Glossary YAML; repeatable, later files win."),
]
NoDefaultGlossaryOption = Annotated[
    bool, typer.Option("--no-default-glossary", help="Do not apply the shipped glossary.")
]
GlossaryModeOption = Annotated[
    str,
    typer.Option(
        envvar="TRANSLATE_GLOSSARY_MODE",
        help="align: replace the words the model gave a term; inject: first offer the "
        "model the English rendering inside the source.",
    ),
]
OfflineOption = Annotated[
    bool, typer.Option(envvar="TRANSLATE_OFFLINE", help="Never download a model.")
]
VerboseOption = Annotated[int, typer.Option("--verbose", "-v", count=True)]


if TYPE_CHECKING:
    from translate.glossary.model import Glossary


def build_options(
    *,
    device: str = "cpu",
    compute_type: str = "default",
    beam_size: int = 4,
    threads: int = 0,
    batch_tokens: int = 2048,
    max_sentence_tokens: int = 200,
    max_decoding_length: int = 256,
    min_decoding_length: int = 0,
    keep_diacritics: bool = False,
    errors: str = "strict",
    glossary_mode: str = "align",
) -> TranslationOptions:
    """The options value for the command-line values (checked by TranslationOptions)."""
    values: dict[str, Any] = {
        "device": device,
        "compute_type": compute_type,
        "beam_size": beam_size,
        "threads": threads,
        "batch_tokens": batch_tokens,
        "max_sentence_tokens": max_sentence_tokens,
        "max_decoding_length": max_decoding_length,
        "min_decoding_length": min_decoding_length,
        "keep_diacritics": keep_diacritics,
        "errors": errors,
        "glossary_mode": glossary_mode,
    }
    return TranslationOptions(**values)


def load_glossary_option(paths: list[Path] | None, no_default_glossary: bool) -> Glossary | None:
    """The glossary for ``--glossary``/``--no-default-glossary``: the shipped default
    glossary plus the given files, or nothing at all."""
    if not paths and no_default_glossary:
        return None
    from translate.glossary import load_glossaries

    return load_glossaries(list(paths or []), include_default=not no_default_glossary)
