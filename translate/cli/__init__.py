"""The ``translate`` command line. Each command lives in its own thin module."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer

from translate.cli.main import EPILOG, translate_stream
from translate.cli.segment import segment

app = typer.Typer(
    name="translate",
    add_completion=False,
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.callback(invoke_without_command=True, epilog=EPILOG)(translate_stream)
app.command("segment")(segment)


def _register_optional_commands() -> None:
    # Commands whose modules are optional parts of the build are wired when present.
    try:
        from translate.cli.models import app as models_app

        app.add_typer(models_app, name="models", help="List, install, inspect and remove models.")
    except ImportError:
        pass
    try:
        from translate.cli.glossary import app as glossary_app

        app.add_typer(
            glossary_app, name="glossary", help="Check, test, import and export glossaries."
        )
    except ImportError:
        pass
    try:
        from translate.cli.eval import eval_command

        app.command("eval")(eval_command)
    except ImportError:
        pass
    try:
        from translate.cli.files import files_command

        app.command("files")(files_command)
    except ImportError:
        pass


_register_optional_commands()


def _config_defaults() -> dict[str, Any]:
    """Option defaults from the user's YAML config file, if there is one."""
    import yaml

    env = os.environ.get("TRANSLATE_CONFIG")
    if env:
        path = Path(env).expanduser()
    else:
        from platformdirs import user_config_dir

        path = Path(user_config_dir("arabic-translate")) / "config.yaml"
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SystemExit(f"translate: error: config file {path} is unreadable: {exc}") from None
    if not isinstance(data, dict):
        raise SystemExit(f"translate: error: config file {path} must be a mapping of option names")
    return {str(k).replace("-", "_"): v for k, v in data.items()}


def main(argv: list[str] | None = None) -> None:
    """Console entry point: config-file defaults, quiet exits on broken pipes and Ctrl-C."""
    import click

    command = typer.main.get_command(app)
    try:
        code = command.main(
            args=argv, prog_name="translate", standalone_mode=False, default_map=_config_defaults()
        )
    except click.exceptions.Abort:
        sys.stderr.write("\n")
        code = 130
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly, and keep Python's own flush
        # at exit from raising again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    except KeyboardInterrupt:
        code = 130
    # The stdin reader is a daemon thread that may sit in readline(); a normal interpreter
    # shutdown would then abort on the stdin lock. Flush what we wrote and leave directly.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError, OSError):
            pass
    os._exit(code if isinstance(code, int) else 0)
