"""The translation options of the command line, declared once.

:data:`TRANSLATION` lists every option that says how to translate: which model, where
models live, the :class:`~translate.options.TranslationOptions` fields and the
glossaries, each with its flag, type, default, help and ``TRANSLATE_*`` environment
variable. The commands that translate (``translate``, ``translate files``,
``translate eval``) and ``translate segment`` (which shows the sentence split) take
their options from here and nowhere else: :func:`translation_options` adds the
options to a command function and hands the command one :class:`TranslationSettings`.

The naming rule every option of the program follows (tests walk the commands to
check it): the option ``--beam-size`` has the environment variable
``TRANSLATE_BEAM_SIZE`` and the config-file key ``beam_size``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from click.core import ParameterSource

from translate.cli.common import PROG, fail, user_errors
from translate.options import TranslationOptions

if TYPE_CHECKING:
    from translate.glossary.model import Glossary
    from translate.translator import Translator

__all__ = [
    "DEFAULT_MODEL",
    "EVALUATION",
    "FILES",
    "SEGMENTATION",
    "TRANSLATION",
    "ModelsDirOption",
    "Setting",
    "TranslationSettings",
    "envvar_for",
    "translation_options",
]

# The same value as translate.translator.DEFAULT_MODEL (a test checks), repeated here so
# that `translate --help` does not import the translation engine.
DEFAULT_MODEL = "opus-mt-tc-big-ar-en"

ENV_PREFIX = "TRANSLATE_"


def envvar_for(flag: str) -> str:
    """``--beam-size`` -> ``TRANSLATE_BEAM_SIZE``: the variable of an option, by its flag."""
    return ENV_PREFIX + flag.lstrip("-").split("/")[0].replace("-", "_").upper()


@dataclass(frozen=True)
class Setting:
    """One option: its parameter name, Python type, default and help.

    The long flag is ``--name-with-dashes`` (booleans also get ``--no-name``) unless
    ``flags`` says otherwise; the environment variable is :func:`envvar_for` the flag and
    the config key that variable without ``TRANSLATE_``, in lower case.
    """

    name: str
    type: object  # the annotation typer converts to: str, int, bool, Path | None, ...
    default: object
    help: str
    flags: tuple[str, ...] = ()
    count: bool = False

    @property
    def flag(self) -> str:
        return self.flags[0] if self.flags else "--" + self.name.replace("_", "-")

    @property
    def envvar(self) -> str:
        return envvar_for(self.flag)

    def but(self, **changes: object) -> Setting:
        """This option with another type, default, help or extra flags (same name)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def parameter(self) -> inspect.Parameter:
        """The typer parameter for a command function's signature."""
        info = typer.Option(*self.flags, envvar=self.envvar, help=self.help, count=self.count)
        return inspect.Parameter(
            self.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=self.default,
            annotation=Annotated[self.type, info],
        )


MODEL = Setting(
    "model",
    str,
    DEFAULT_MODEL,
    "Catalogue name (see `translate models list`) or path to a CTranslate2 model dir.",
    flags=("--model", "-m"),
)
MODELS_DIR = Setting(
    "models_dir",
    Path | None,
    None,
    "Where installed models live (default: the per-user data folder).",
)
OFFLINE = Setting("offline", bool, False, "Never download a model (or, for eval, a test set).")
DEVICE = Setting("device", str, "cpu", "cpu, cuda or auto.")
COMPUTE_TYPE = Setting(
    "compute_type",
    str,
    "default",
    "CTranslate2 compute type; default int8 on CPU, int8_float16 on CUDA.",
)
BEAM_SIZE = Setting("beam_size", int, 4, "Beam width of the decoder; 1 is greedy and fastest.")
THREADS = Setting("threads", int, 0, "CPU threads; 0 = all cores.")
BATCH_TOKENS = Setting("batch_tokens", int, 2048, "Source-token budget of a batch.")
MAX_SENTENCE_TOKENS = Setting(
    "max_sentence_tokens", int, 200, "Longer sentences are cut at clause boundaries."
)
MAX_DECODING_LENGTH = Setting("max_decoding_length", int, 256, "Target-token cap.")
MIN_DECODING_LENGTH = Setting("min_decoding_length", int, 0, "Target-token floor.")
KEEP_DIACRITICS = Setting("keep_diacritics", bool, False, "Keep Arabic diacritics.")
ERRORS = Setting("errors", str, "strict", "strict: refuse invalid UTF-8; replace: use U+FFFD.")
GLOSSARY = Setting(
    # Not named "glossary": click keeps a subcommand's config defaults under its name,
    # and `translate glossary` is a subcommand.
    "glossary_files",
    list[Path] | None,
    None,
    "Glossary YAML; repeatable, later files win (in the variable: separated by ':').",
    flags=("--glossary", "-g"),
)
NO_DEFAULT_GLOSSARY = Setting(
    "no_default_glossary",
    bool,
    False,
    "Do not apply the shipped glossary.",
    flags=("--no-default-glossary/--default-glossary",),
)
GLOSSARY_MODE = Setting(
    "glossary_mode",
    str,
    "align",
    "align: place each rendering where the model's own words for the term are; "
    "inject: also offer the model the renderings inside the source.",
)
REPAIR_NUMBERS = Setting(
    "repair_numbers",
    bool,
    True,
    "Put back a number of the source that the model changed or dropped (placed like a "
    "glossary term; --report says so).",
)
KEEP_DIGITS = Setting(
    "keep_digits",
    bool,
    False,
    "Keep Arabic-Indic digits the model wrote, and repair numbers in the source's digits "
    "(default: Western digits).",
)
CONSISTENT_NAMES = Setting(
    "consistent_names",
    bool,
    False,
    "Render each name no glossary lists one way within a document (the spelling most of "
    "the model's confident renderings share; --report says consistency).",
)
VERBOSE = Setting(
    "verbose",
    int,
    0,
    "More messages on stderr; twice for debug logging.",
    ("--verbose", "-v"),
    True,
)

#: The options of every command that translates, in the order --help lists them.
TRANSLATION: tuple[Setting, ...] = (
    MODEL,
    MODELS_DIR,
    OFFLINE,
    DEVICE,
    COMPUTE_TYPE,
    BEAM_SIZE,
    THREADS,
    BATCH_TOKENS,
    MAX_SENTENCE_TOKENS,
    MAX_DECODING_LENGTH,
    MIN_DECODING_LENGTH,
    KEEP_DIACRITICS,
    ERRORS,
    GLOSSARY,
    NO_DEFAULT_GLOSSARY,
    GLOSSARY_MODE,
    REPAIR_NUMBERS,
    KEEP_DIGITS,
    CONSISTENT_NAMES,
    VERBOSE,
)

#: ``translate files`` works on whole documents: names consistent within each by default.
FILES: tuple[Setting, ...] = tuple(
    setting.but(default=True) if setting is CONSISTENT_NAMES else setting for setting in TRANSLATION
)

#: ``translate eval`` compares models: --model is repeatable there, one system each.
EVALUATION: tuple[Setting, ...] = tuple(
    MODEL.but(
        type=list[str] | None,
        default=None,
        help=f"Model to translate with; repeatable, one system each (default: {DEFAULT_MODEL}; "
        "in the variable: separated by spaces).",
    )
    if setting is MODEL
    else setting
    for setting in TRANSLATION
)

#: ``translate segment`` takes the options that change the sentence split; without a
#: model it counts words instead of tokens, and it keeps its older --max-tokens spelling.
SEGMENTATION: tuple[Setting, ...] = (
    MODEL.but(
        type=str | None,
        default=None,
        help="Count tokens with this model's SentencePiece model when cutting long "
        "sentences (default: count words).",
    ),
    MODELS_DIR,
    MAX_SENTENCE_TOKENS.but(flags=("--max-sentence-tokens", "--max-tokens")),
    KEEP_DIACRITICS,
    ERRORS,
)

ModelsDirOption = Annotated[
    Path | None, typer.Option(envvar=MODELS_DIR.envvar, help=MODELS_DIR.help)
]

_OPTION_FIELDS = frozenset(f.name for f in fields(TranslationOptions))


@dataclass(frozen=True)
class TranslationSettings:
    """What the translation options of one command line say.

    ``models`` are the models named (any number for eval, none when segment counts
    words); :attr:`model` is the one model of the commands that take one.
    """

    models: tuple[str, ...] = ()
    models_dir: Path | None = None
    offline: bool = False
    options: TranslationOptions = field(default_factory=TranslationOptions)
    glossary_files: tuple[Path, ...] = ()
    default_glossary: bool = True
    verbose: int = 0

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> TranslationSettings:
        """The settings from the command's option values (missing ones: the defaults).

        Raises :class:`~translate.errors.ConfigError` for option values
        :class:`TranslationOptions` refuses.
        """
        model = values.get("model")
        models = tuple(model) if isinstance(model, (list, tuple)) else (model,) if model else ()
        return cls(
            models=models,
            models_dir=values.get("models_dir"),
            offline=bool(values.get("offline", False)),
            options=TranslationOptions(
                **{name: value for name, value in values.items() if name in _OPTION_FIELDS}
            ),
            glossary_files=tuple(values.get("glossary_files") or ()),
            default_glossary=not values.get("no_default_glossary", False),
            verbose=int(values.get("verbose") or 0),
        )

    @property
    def model(self) -> str:
        return self.models[0] if self.models else DEFAULT_MODEL

    def translator(self, progress: Callable[[int, int | None], None] | None = None) -> Translator:
        """The translator these settings describe (loads the model; ``progress`` hears
        of a first-use download)."""
        from translate.translator import Translator

        return Translator(
            self.model,
            self.options,
            glossary=self.load_glossary(),
            models_dir=self.models_dir,
            offline=self.offline,
            progress=progress,
        )

    def load_glossary(self) -> Glossary | None:
        """The shipped glossary (unless --no-default-glossary) plus the --glossary files."""
        return load_glossaries(self.glossary_files, include_default=self.default_glossary)


def load_glossaries(paths: Sequence[Path], *, include_default: bool) -> Glossary | None:
    """The glossary the commands apply: the shipped one and ``paths``, or nothing."""
    if not paths and not include_default:
        return None
    from translate.glossary import load_glossaries as load

    glossary = load(list(paths), include_default=include_default)
    echo_glossary_warnings(glossary)
    return glossary


def echo_glossary_warnings(glossary: Glossary) -> None:
    """Each of the glossary's warnings on stderr, once, as ``translate: warning: ...``."""
    for warning in glossary.warnings:
        typer.echo(f"{PROG}: warning: {warning}", err=True)


def translation_options(
    settings: Sequence[Setting] = TRANSLATION,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Decorate a command function that has a keyword-only ``settings:
    TranslationSettings`` parameter.

    The command gets the options in ``settings`` where that parameter is (so --help lists
    them there) and is called with their values gathered into one
    :class:`TranslationSettings`; values :class:`TranslationOptions` refuses end the
    command with one line and exit 2. As a group's callback (the root command) it does
    nothing when a subcommand runs, and refuses these options given before the
    subcommand's name, where they would be ignored.
    """
    names = [setting.name for setting in settings]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        if "settings" not in signature.parameters:
            raise TypeError(f"{command.__name__} has no `settings` parameter")
        parameters: list[inspect.Parameter] = []
        for name, parameter in signature.parameters.items():
            if name == "settings":  # the options go where `settings` is (and --help lists them)
                parameters += [setting.parameter() for setting in settings]
            else:
                parameters.append(parameter)

        @functools.wraps(command)
        def run(**values: Any) -> None:
            shared = {name: values.pop(name) for name in names}
            ctx = click.get_current_context()
            if ctx.invoked_subcommand is not None:
                # The root command's callback, run before a subcommand: the subcommand
                # has the same options; given here they would be silently ignored.
                _refuse_misplaced(ctx, settings)
                return
            with user_errors():
                translation = TranslationSettings.from_values(shared)
            command(**values, settings=translation)

        run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        del run.__wrapped__  # typer must see the new signature, not the function's own
        return run

    return decorate


def _refuse_misplaced(ctx: click.Context, settings: Sequence[Setting]) -> None:
    for setting in settings:
        if ctx.get_parameter_source(setting.name) is ParameterSource.COMMANDLINE:
            raise fail(
                f"{setting.flag} goes after the command name: "
                f"{ctx.command_path} {ctx.invoked_subcommand} {setting.flag} ..."
            )
