"""``python -m translate`` is the ``translate`` command."""

from .cli import main

main()
