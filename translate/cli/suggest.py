"""``translate glossary suggest CORPUS... -o suggestions.yaml``: the names of a corpus
that need a glossary entry, as a glossary file to review (:mod:`translate.suggestions`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from translate.cli.common import PROG, configure_logging, user_errors
from translate.cli.paths import check_output
from translate.cli.settings import TranslationSettings, translation_options
from translate.errors import InputError


def corpus_units(paths: list[Path]) -> list[str]:
    """The text units of every file (folders: every file of a known format, sorted)."""
    from translate.files.formats import detect_format, read_document

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                try:
                    detect_format(found)
                except Exception:  # not a format we read: not part of the corpus
                    continue
                files.append(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    units: list[str] = []
    for path in files:
        units += read_document(path).units
    return units


@translation_options()
def suggest_command(
    corpus: Annotated[
        list[Path], typer.Argument(metavar="CORPUS...", help="Arabic files or folders.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the suggested glossary (YAML) here."),
    ] = None,
    min_count: Annotated[
        int,
        typer.Option(envvar="TRANSLATE_MIN_COUNT", help="Only names seen at least this often."),
    ] = 2,
    as_json: Annotated[
        bool, typer.Option("--json", envvar="TRANSLATE_JSON", help="Print JSON on stdout.")
    ] = False,
    *,
    settings: TranslationSettings,
) -> None:
    """Find the names of a corpus that the glossaries in use do not cover, see how the
    model renders each occurrence, and suggest entries, the most changing first.

    Each entry's note says how often the name was seen, the renderings the model
    produced (e.g. "Shoigu x3, Erdogan x2: inconsistent") and an example line. Review the
    file, then use it with --glossary.
    """
    configure_logging(settings.verbose)
    with user_errors():
        if output is not None:
            check_output(output, "--output")
        if min_count < 1:
            raise InputError(f"--min-count must be at least 1, not {min_count}")
        units = corpus_units(corpus)
        from translate.glossary.io_tsv import dump_glossary
        from translate.suggestions import suggest

        translator = settings.translator()

        def say(message: str) -> None:
            typer.echo(f"{PROG} glossary suggest: {message}", err=True)

        found = suggest(units, translator, min_count=min_count, progress=say)
        if as_json:
            typer.echo(json.dumps([s.as_json() for s in found], ensure_ascii=False, indent=1))
        entries = [s for s in found if s.proposed and s.verdict != "common-word"]
        text = dump_glossary(
            [s.entry() for s in entries],
            name="suggestions",
            description=f"Names suggested by `{PROG} glossary suggest` with {settings.model}; "
            "review before use.",
        )
        # Names the model never spelled need an English rendering from the reader: listed
        # as comments, not as entries a glossary would apply blindly.
        unspelled = [s for s in found if not s.proposed and s.verdict != "common-word"]
        if unspelled:
            text += "# Names the model never spelled (add an entry with the right English):\n"
            text += "".join(
                f"#   {'/'.join(f for f, _ in s.forms)}: {s.note()}\n" for s in unspelled
            )
        if output is not None:
            from translate.fileio import atomic_write_text

            atomic_write_text(output, text)
            say(f"{len(entries)} entries, {len(unspelled)} names to spell, written to {output}")
        elif not as_json:
            typer.echo(text, nl=False)
