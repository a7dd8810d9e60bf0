"""``python -m translate`` is the ``translate`` command."""

from translate.cli import main

main()
