"""What every command shares: error reporting and logging set-up."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator

import typer

from translate.errors import TranslateError

PROG = "translate"


def debug_enabled() -> bool:
    return os.environ.get("TRANSLATE_DEBUG", "") not in ("", "0")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one line for the user and return the exit to raise."""
    typer.echo(f"{PROG}: error: {message}", err=True)
    return typer.Exit(code)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn TranslateError into one line on stderr and exit 2 (a traceback with --debug)."""
    try:
        yield
    except TranslateError as exc:
        if debug_enabled():
            raise
        raise fail(str(exc), exc.exit_code) from None


def configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, format=f"{PROG}: %(levelname)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger("translate").setLevel(level)
