"""What every command shares: error reporting and logging set-up."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator

import click
import typer

from translate.errors import TranslateError
from translate.fileio import os_reason

PROG = "translate"


def debug_requested(ctx: click.Context | None = None) -> bool:
    """Whether ``--debug`` (or TRANSLATE_DEBUG) was given to this command line.

    The flag belongs to the root command; its value is read from the click contexts of
    the running command and its parents (``ctx``, or the current one).
    """
    current = ctx if ctx is not None else click.get_current_context(silent=True)
    while current is not None:
        if current.params.get("debug"):
            return True
        current = current.parent
    return False


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one line for the user and return the exit to raise."""
    typer.echo(f"{PROG}: error: {message}", err=True)
    return typer.Exit(code)


def describe_os_error(exc: OSError) -> str:
    """``cannot open x.txt: Permission denied`` rather than ``[Errno 13] ...``."""
    reason = os_reason(exc)
    if exc.filename is not None:
        return f"{exc.filename}: {reason}"
    return reason


@contextlib.contextmanager
def user_errors(debug: bool | None = None) -> Iterator[None]:
    """Turn TranslateError (and a file system's OSError) into one line on stderr and
    exit 2; with --debug (``debug``, default: the command line's flag) the traceback."""
    try:
        yield
    except TranslateError as exc:
        if debug_requested() if debug is None else debug:
            raise
        raise fail(str(exc), exc.exit_code) from None
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or (debug_requested() if debug is None else debug):
            raise  # a closed stdout is handled once, by the root command
        raise fail(describe_os_error(exc)) from None


def configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, format=f"{PROG}: %(levelname)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger("translate").setLevel(level)
