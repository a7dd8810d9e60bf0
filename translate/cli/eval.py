"""``translate eval``: score hypothesis files, or translate a test set with each configured
system and score the outputs (BLEU, chrF++, TER, glossary terms, significance, speed)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from click.core import ParameterSource

from translate.cli.common import configure_logging, user_errors
from translate.cli.settings import (
    EVALUATION,
    TranslationSettings,
    load_glossaries,
    translation_options,
)
from translate.errors import EvaluationError
from translate.fileio import atomic_write_text
from translate.progress import ProgressDisplay, clock

if TYPE_CHECKING:
    from translate.glossary.model import Glossary

logger = logging.getLogger(__name__)

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)

GlossaryLoader = Callable[[Sequence[Path], bool], Any]
PLAIN_INTERVAL = 10.0  # seconds between plain progress lines off a terminal


class _Progress(ProgressDisplay):
    """Progress of ``eval`` on stderr: a bar on a terminal; elsewhere a line as each system
    starts, then one every ``PLAIN_INTERVAL`` seconds. Nothing when quiet."""

    def __init__(self, *, quiet: bool) -> None:
        super().__init__(quiet=quiet, bar_width=24)
        self._system = ""
        self._started = self._last_line = time.monotonic()

    def __call__(self, name: str, done: int, total: int) -> None:
        now = time.monotonic()
        if name != self._system:
            self._system, self._started, self._last_line = name, now, now
            self.close()  # the last system's bar stays on its own line
            self.label = name
            if not self.tty:
                self.line(f"translate eval: translating {total} lines with {name}")
                return
        rate = done / max(now - self._started, 1e-6)
        eta = (total - done) / rate if rate and done else None
        status = f"{done}/{total} lines, {rate:.1f}/s, ETA {clock(eta)}"
        if self.tty:
            self.draw(done, max(total, 1), status, final=done >= total)
        elif done < total and now - self._last_line >= PLAIN_INTERVAL:
            self._last_line = now
            self.line(f"translate eval: {name}: {status}")


@translation_options(EVALUATION)
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
    no_glossary: Annotated[
        bool,
        typer.Option(
            "--no-glossary",
            envvar="TRANSLATE_NO_GLOSSARY",
            help="No glossary at all, not even the shipped one.",
        ),
    ] = False,
    compare_glossary: Annotated[
        bool,
        typer.Option(
            "--compare-glossary/--no-compare-glossary",
            envvar="TRANSLATE_COMPARE_GLOSSARY",
            help="Run every model without and with the glossary.",
        ),
    ] = False,
    limit: Annotated[
        int | None, typer.Option(envvar="TRANSLATE_LIMIT", help="Use only the first N lines.")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write every detail as JSON here.")
    ] = None,
    markdown: Annotated[
        Path | None, typer.Option("--markdown", help="Write a markdown table here.")
    ] = None,
    testset: Annotated[
        str | None, typer.Option("--testset", help="A standard test set instead of --src/--ref.")
    ] = None,
    seed: Annotated[
        int,
        typer.Option(envvar="TRANSLATE_SEED", help="Seed of the paired bootstrap resampling."),
    ] = 12345,
    bootstrap: Annotated[
        int,
        typer.Option(
            envvar="TRANSLATE_BOOTSTRAP",
            help="Bootstrap resamples for p-values (2+ systems); 0 turns it off.",
        ),
    ] = 1000,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet/--no-quiet", "-q", envvar="TRANSLATE_QUIET", help="No progress on stderr."
        ),
    ] = False,
    *,
    settings: TranslationSettings,
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
    configure_logging(settings.verbose)
    hooks: Mapping[str, Any] = ctx.obj if isinstance(ctx.obj, Mapping) else {}
    with user_errors():
        from translate.evaluation.report import (
            render_markdown,
            render_table,
            write_json,
        )
        from translate.evaluation.scoring import (
            SystemSpec,
            evaluate_hypotheses,
            evaluate_systems,
            translator_factory,
        )
        from translate.evaluation.testsets import fetch_testset, load_eval_data, load_hypotheses

        # Conflicts are refused between flags; a flag beats a variable or the config file.
        flags = {
            name
            for name in ("model", "glossary_files", "compare_glossary", "no_glossary")
            if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE
        }
        glossary_flags = flags & {"glossary_files", "compare_glossary"}
        if no_glossary and glossary_flags and "no_glossary" not in flags:
            no_glossary = False
        if no_glossary and glossary_flags:
            raise EvaluationError(
                "--no-glossary cannot be combined with --glossary or --compare-glossary"
            )
        if hyp and flags & {"model", "compare_glossary"}:
            raise EvaluationError("--hyp scores existing output; drop --model/--compare-glossary")
        explicit = [] if no_glossary else list(settings.glossary_files)
        compare_glossary = compare_glossary and not no_glossary and not hyp
        for out in (json_out, markdown):
            _check_writable(out)
        if testset is not None:
            if src is not None or ref:
                raise EvaluationError("use either --testset or --src/--ref, not both")
            files = fetch_testset(testset, offline=settings.offline or None)
            src, ref = files.source, [files.reference]
        data = load_eval_data(ref or [], src, limit=limit, name=testset)

        loader: GlossaryLoader = hooks.get("glossary_loader") or _load_glossary
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
            glossary_obj = None if no_glossary else loader(explicit, settings.default_glossary)
            if explicit and glossary_obj is None:
                raise EvaluationError(
                    "the glossary support is not installed; cannot use --glossary"
                )
            if compare_glossary and glossary_obj is None:
                raise EvaluationError("--compare-glossary needs a glossary (--glossary FILE)")
            specs = []
            for name in settings.models or (settings.model,):
                if compare_glossary:
                    specs += [SystemSpec(name, False), SystemSpec(name, True)]
                else:
                    specs.append(SystemSpec(name, glossary_obj is not None))
            factory = hooks.get("system_factory")
            if factory is None:
                factory = translator_factory(
                    models_dir=settings.models_dir,
                    options=settings.options,
                    offline=settings.offline,
                )
            progress = _Progress(quiet=quiet)
            try:
                report = evaluate_systems(
                    data,
                    specs,
                    system_factory=factory,
                    glossary=glossary_obj,
                    glossary_files=[str(p) for p in explicit],
                    bootstrap=bootstrap,
                    seed=seed,
                    progress=progress,
                )
            finally:
                progress.close()
        typer.echo(render_table(report), nl=False)
        if json_out is not None:
            write_json(report, json_out)
        if markdown is not None:
            atomic_write_text(markdown, render_markdown(report))


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


def _load_glossary(paths: Sequence[Path], include_default: bool) -> Glossary | None:
    """The same glossary the main command would use: the shipped one plus ``paths``."""
    return load_glossaries(paths, include_default=include_default)
