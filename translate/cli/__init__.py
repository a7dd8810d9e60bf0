"""The ``translate`` command line. Each command lives in its own thin module.

* :mod:`translate.cli.settings` declares the translation options once, for every command;
* :mod:`translate.cli.config` reads the config file into click's default map;
* :func:`main` (the console entry point) reads the config, runs the command and turns
  what ends it (usage errors, Ctrl-C) into an exit code.
"""

from __future__ import annotations

import os
import sys

import click
import typer
from typer.core import TyperGroup

from translate.cli.common import PROG
from translate.cli.eval import eval_command
from translate.cli.files import files_command
from translate.cli.glossary import app as glossary_app
from translate.cli.main import EPILOG, translate_stream
from translate.cli.models import app as models_app
from translate.cli.paths import STDIN
from translate.cli.segment import segment


class TranslateGroup(TyperGroup):
    """The root command.

    Its arguments are input files, like ``cat``'s (``translate a.ar.txt b.ar.txt``),
    unless the first one names a subcommand. A closed stdout (``translate ... | head
    -1``) ends any command quietly with exit code 0: the reader has all it wanted, the
    tool did nothing wrong.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self._files_as_inputs(ctx, args))

    def _files_as_inputs(self, ctx: click.Context, args: list[str]) -> list[str]:
        """``a.txt -m x b.txt`` -> ``-m x --input=a.txt --input=b.txt``; arguments that
        start with a subcommand's name are left to click."""
        takes_value: dict[str, bool] = {}
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                for flag in (*param.opts, *param.secondary_opts):
                    takes_value[flag] = not (param.is_flag or param.count)
        options: list[str] = []
        files: list[str] = []
        position = 0
        while position < len(args):
            arg = args[position]
            position += 1
            if arg == "--":
                files += args[position:]
                break
            if arg.startswith("-") and arg != STDIN:
                options.append(arg)
                if _consumes_next(arg, takes_value) and position < len(args):
                    options.append(args[position])
                    position += 1
            elif not files and arg in self.commands:
                return args
            else:
                files.append(arg)
        return [*options, *(f"--input={name}" for name in files)]

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return ["[OPTIONS] [FILE]... | COMMAND [ARGS]..."]

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _discard_stdout()
            raise click.exceptions.Exit(0) from None


def _consumes_next(arg: str, takes_value: dict[str, bool]) -> bool:
    """Whether the option ``arg`` (``--model``, ``-m``, ``-vm``) takes the next argument."""
    if arg.startswith("--"):
        return "=" not in arg and takes_value.get(arg, False)
    for index, letter in enumerate(arg[1:], start=1):
        if takes_value.get("-" + letter, False):
            return index == len(arg) - 1  # `-mtoy` holds its value, `-m` takes the next
    return False


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that flushing what is still buffered (now or at
    exit) cannot fail again on the closed pipe."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real stream (tests): nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


app = typer.Typer(
    name=PROG,
    cls=TranslateGroup,
    add_completion=False,
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.callback(invoke_without_command=True, epilog=EPILOG)(translate_stream)
app.command("segment")(segment)


app.add_typer(models_app, name="models", help="List, install, inspect and remove models.")
app.add_typer(glossary_app, name="glossary", help="Check, test, import and export glossaries.")
app.command("eval")(eval_command)
app.command("files")(files_command)


def _asks_for_help(args: list[str]) -> bool:
    """--help and --version work whatever the config file says."""
    options = args[: args.index("--")] if "--" in args else args
    return any(arg in ("-h", "--help", "--version") for arg in options)


def run(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``) with the user's config
    file; the exit code."""
    from translate.cli.config import load_config

    args = list(sys.argv[1:] if argv is None else argv)
    command = typer.main.get_command(app)
    config = load_config(command)
    error = config.error()
    if error is not None and not _asks_for_help(args):
        typer.echo(f"{PROG}: error: {error}", err=True)
        return error.exit_code
    try:
        code = command.main(
            args=args, prog_name=PROG, standalone_mode=False, default_map=config.default_map
        )
    except click.exceptions.Abort:
        sys.stderr.write("\n")
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return code if isinstance(code, int) else 0


def main(argv: list[str] | None = None) -> None:
    """Console entry point: :func:`run`, then exit with its code."""
    code = run(argv)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
    sys.exit(code)
