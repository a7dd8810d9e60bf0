"""``translate eval``: score hypothesis files, or translate a test set with each configured
system and score the outputs (BLEU, chrF++, TER, glossary terms, significance, speed)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from translate.cli.common import configure_logging, user_errors
from translate.cli.shared_options import (
    BeamSizeOption,
    ComputeTypeOption,
    DeviceOption,
    ModelsDirOption,
    NoDefaultGlossaryOption,
    ThreadsOption,
    VerboseOption,
    load_glossary_option,
)
from translate.errors import EvaluationError

logger = logging.getLogger(__name__)

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)

GlossaryLoader = Callable[[Sequence[Path], bool], Any]


def eval_command(
    ctx: typer.Context,
    src: Annotated[
        Path | None, typer.Option("--src", help="Arabic source, one segment a line.")
    ] = None,
    ref: Annotated[
        list[Path] | None, typer.Option("--ref", help="English reference; repeatable.")
    ] = None,
    hyp: Annotated[
        list[Path] | None,
        typer.Option("--hyp", help="Score this output instead of translating; repeatable."),
    ] = None,
    model: Annotated[
        list[str] | None,
        typer.Option(
            "--model", "-m", help="Model to translate with; repeatable (one system each)."
        ),
    ] = None,
    glossary: Annotated[
        list[Path] | None,
        typer.Option("--glossary", "-g", help="Glossary YAML for the systems and term metrics."),
    ] = None,
    no_glossary: Annotated[
        bool, typer.Option("--no-glossary", help="No glossary at all, not even the shipped one.")
    ] = False,
    no_default_glossary: NoDefaultGlossaryOption = False,
    compare_glossary: Annotated[
        bool, typer.Option("--compare-glossary", help="Run every model without and with it.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Use only the first N lines.")] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write every detail as JSON here.")
    ] = None,
    markdown: Annotated[
        Path | None, typer.Option("--markdown", help="Write a markdown table here.")
    ] = None,
    testset: Annotated[
        str | None, typer.Option("--testset", help="A standard test set instead of --src/--ref.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the paired bootstrap resampling.")] = 12345,
    bootstrap: Annotated[
        int, typer.Option(help="Bootstrap resamples for p-values (2+ systems); 0 turns it off.")
    ] = 1000,
    models_dir: ModelsDirOption = None,
    device: DeviceOption = "cpu",
    compute_type: ComputeTypeOption = "default",
    beam_size: BeamSizeOption = 4,
    threads: ThreadsOption = 0,
    offline: Annotated[
        bool, typer.Option(envvar="TRANSLATE_OFFLINE", help="Never download models or test sets.")
    ] = False,
    verbose: VerboseOption = 0,
) -> None:
    """Score translations with sacrebleu (BLEU, chrF++, TER) and glossary term metrics.

    With --hyp only scores; otherwise translates the source with every --model (default:
    the default model), with and without the glossary when --compare-glossary is given.
    Two or more systems get paired-bootstrap p-values against the first.

    \b
    Examples:
      translate eval --src test.ar --ref test.en --hyp system.en
      translate eval --src test.ar --ref test.en -m opus-mt-ar-en -m toy-news
      translate eval --testset flores200-devtest -g names.yaml --compare-glossary --json out.json

    \b
    Standard test sets (downloaded once, then cached; TRANSLATE_OFFLINE=1 forbids downloads):
      flores200-devtest, tico19-test, ntrex128, iwslt17-ar-en
    """
    configure_logging(verbose)
    hooks: Mapping[str, Any] = ctx.obj if isinstance(ctx.obj, Mapping) else {}
    with user_errors():
        from translate.evaluation.report import (
            render_markdown,
            render_table,
            write_json,
            write_text_atomic,
        )
        from translate.evaluation.scoring import (
            SystemSpec,
            evaluate_hypotheses,
            evaluate_systems,
            translator_factory,
        )
        from translate.evaluation.testsets import fetch_testset, load_eval_data, load_hypotheses

        if no_glossary and (glossary or compare_glossary):
            raise EvaluationError(
                "--no-glossary cannot be combined with --glossary or --compare-glossary"
            )
        if hyp and (model or compare_glossary):
            raise EvaluationError("--hyp scores existing output; drop --model/--compare-glossary")
        for out in (json_out, markdown):
            _check_writable(out)
        if testset is not None:
            if src is not None or ref:
                raise EvaluationError("use either --testset or --src/--ref, not both")
            files = fetch_testset(testset, offline=offline or None)
            src, ref = files.source, [files.reference]
        data = load_eval_data(ref or [], src, limit=limit, name=testset)

        loader: GlossaryLoader = hooks.get("glossary_loader") or _load_glossary
        explicit = list(glossary or [])
        if hyp:
            # Scoring only: term metrics for the glossary files the user names, nothing else.
            if explicit and data.source is None:
                raise EvaluationError(
                    "term metrics need the source text: pass --src with --glossary"
                )
            hypotheses = [(str(path), load_hypotheses(path, data)) for path in hyp]
            glossary_obj = loader(explicit, False) if explicit else None
            report = evaluate_hypotheses(
                data,
                hypotheses,
                glossary=glossary_obj,
                glossary_files=[str(p) for p in explicit],
                bootstrap=bootstrap,
                seed=seed,
            )
        else:
            # Translating: the glossary the main command would apply (shipped + --glossary).
            glossary_obj = None if no_glossary else loader(explicit, not no_default_glossary)
            if explicit and glossary_obj is None:
                raise EvaluationError(
                    "the glossary support is not installed; cannot use --glossary"
                )
            if compare_glossary and glossary_obj is None:
                raise EvaluationError("--compare-glossary needs a glossary (--glossary FILE)")
            specs = []
            for name in model or [_default_model()]:
                if compare_glossary:
                    specs += [SystemSpec(name, False), SystemSpec(name, True)]
                else:
                    specs.append(SystemSpec(name, glossary_obj is not None))
            factory = hooks.get("system_factory")
            if factory is None:
                factory = translator_factory(
                    models_dir=models_dir,
                    options=_options(device, compute_type, beam_size, threads),
                    offline=offline,
                )
            report = evaluate_systems(
                data,
                specs,
                system_factory=factory,
                glossary=glossary_obj,
                glossary_files=[str(p) for p in explicit],
                bootstrap=bootstrap,
                seed=seed,
            )
        typer.echo(render_table(report), nl=False)
        if json_out is not None:
            write_json(report, json_out)
        if markdown is not None:
            write_text_atomic(markdown, render_markdown(report))


app.command("eval")(eval_command)


def _check_writable(path: Path | None) -> None:
    # Fail before a long translation run, not after it.
    if path is None:
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise EvaluationError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise EvaluationError(f"cannot write {path}: it is a folder")


def _default_model() -> str:
    from translate.translator import DEFAULT_MODEL

    return DEFAULT_MODEL


def _options(device: str, compute_type: str, beam_size: int, threads: int) -> Any:
    from translate.options import TranslationOptions

    return TranslationOptions(
        device=device,  # type: ignore[arg-type]
        compute_type=compute_type,
        beam_size=beam_size,
        threads=threads,
    )


def _load_glossary(paths: Sequence[Path], include_default: bool) -> Any:
    """The same glossary the main command would use: the shipped one plus ``paths``."""
    return load_glossary_option(list(paths), not include_default)
