"""``translate glossary``: check, try out, import and export glossary files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from translate.cli.common import fail, user_errors
from translate.fileio import decode_utf8_strict

if TYPE_CHECKING:
    from translate.glossary.model import Glossary, Problem

app = typer.Typer(
    name="glossary",
    help="Check, try out, import and export glossaries.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

GlossaryFiles = Annotated[
    list[Path],
    typer.Argument(
        help="Glossary YAML files, in priority order (later files win).", show_default=False
    ),
]


@app.command("check")
def check_command(
    files: GlossaryFiles,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict/--no-strict", envvar="TRANSLATE_STRICT", help="Fail on warnings too."
        ),
    ] = False,
    no_default_glossary: Annotated[
        bool,
        typer.Option(
            "--no-default-glossary/--default-glossary",
            envvar="TRANSLATE_NO_DEFAULT_GLOSSARY",
            help="Do not check the files against the shipped glossary.",
        ),
    ] = False,
) -> None:
    """Validate glossary files and list every problem at once (exit 2 if any).

    Reports schema errors with file:line, unknown keys, empty forms, duplicate entries,
    one Arabic form with two renderings, forms that can never match, spelling variants
    that collide with other entries, and entries a later file overrides -- including
    the shipped glossary's, which every translation loads first (unless
    --no-default-glossary).

    Example: translate glossary check names.yaml
    """
    from translate.glossary.checks import check_files

    with user_errors():
        problems, glossaries = check_files(files)
        if not no_default_glossary:
            problems = _with_default_overrides(problems, glossaries)
    for problem in problems:
        typer.echo(str(problem))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    entries = sum(len(g.entries) for g in glossaries)
    typer.echo(
        f"{len(files)} file(s), {entries} entries: {errors} error(s), {warnings} warning(s)",
        err=True,
    )
    if errors or (strict and warnings):
        raise typer.Exit(2)


def _with_default_overrides(problems: list[Problem], glossaries: list[Glossary]) -> list[Problem]:
    """``problems`` with the overrides a translation would warn about: the files' entries
    that replace the shipped glossary's, besides those between the files themselves."""
    from translate.glossary import default_glossary_path
    from translate.glossary.format import merge_glossaries, read_glossary_file

    default_path = default_glossary_path()
    if not glossaries or any(_same_file(s, default_path) for g in glossaries for s in g.sources):
        return problems  # checking the shipped glossary itself
    default, _ = read_glossary_file(default_path)
    # What --glossary A --glossary B does: the shipped glossary first, then the files.
    # Its warnings replace those check_files found between the files (the same ones).
    between = set(merge_glossaries(glossaries)[1]) if len(glossaries) > 1 else set()
    kept = [p for p in problems if p not in between]
    return kept + merge_glossaries([default, *glossaries])[1]


def _same_file(source: str, path: Path) -> bool:
    try:
        return Path(source).resolve() == path.resolve()
    except OSError:
        return False


def _stdin_lines() -> list[str]:
    # Strict UTF-8 with the line number of a bad byte, as everywhere else.
    stream = getattr(sys.stdin, "buffer", None)
    data: bytes = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    text = decode_utf8_strict(
        data, "stdin", message="{source} line {line}: not valid UTF-8 (byte 0x{byte:02x})"
    )
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


@app.command("match")
def match_command(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Glossary files (default: only the shipped glossary).", show_default=False
        ),
    ] = None,
    no_default_glossary: Annotated[
        bool,
        typer.Option(
            "--no-default-glossary/--default-glossary",
            envvar="TRANSLATE_NO_DEFAULT_GLOSSARY",
            help="Do not include the shipped glossary.",
        ),
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json/--no-json", envvar="TRANSLATE_JSON", help="One JSON object per match."
        ),
    ] = False,
) -> None:
    """Show which glossary entries match where in Arabic text read from stdin.

    Each match prints as LINE:START-END, the Arabic as written, its proclitics with
    their gloss, the English rendering, and where the entry is defined.

    Example: translate glossary match names.yaml < article.ar.txt
    """
    from translate.cli.settings import load_glossaries

    with user_errors():
        if not files and no_default_glossary:
            raise fail("give a glossary file, or leave out --no-default-glossary")
        glossary = load_glossaries(files or [], include_default=not no_default_glossary)
        assert glossary is not None  # there is a file, or the default glossary
        matcher = glossary.matcher()
        total = 0
        for number, line in enumerate(_stdin_lines(), start=1):
            for match in matcher.find(line):
                total += 1
                if as_json:
                    record = {
                        "line": number,
                        "start": match.start,
                        "end": match.end,
                        "arabic": match.surface,
                        "term": match.term,
                        "clitic": match.clitic,
                        "clitic_english": match.clitic_english,
                        "article": match.article,
                        "rendering": match.rendering,
                        "form": match.form,
                        "variant": match.variant,
                        "entry": match.entry.location,
                    }
                    typer.echo(json.dumps(record, ensure_ascii=False))
                    continue
                clitic = f"{match.clitic}+ ({match.clitic_english})" if match.clitic else "-"
                how = "variant of " + match.form if match.variant else "form " + match.form
                typer.echo(
                    f"{number}:{match.start}-{match.end}\t{match.surface}\t{clitic}\t"
                    f"{match.rendering}\t{how}\t{match.entry.location}"
                )
    typer.echo(f"{total} match(es); glossary {glossary.name} ({glossary.digest})", err=True)


@app.command("import")
def import_command(
    terms: Annotated[
        Path, typer.Argument(help="english,arabic CSV or TSV term list.", show_default=False)
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Glossary YAML to write.")],
    entry_type: Annotated[
        str,
        typer.Option(
            "--type", help="Type given to every entry (person, organisation, place, term)."
        ),
    ] = "term",
    name: Annotated[str | None, typer.Option(help="Glossary name (default: file name).")] = None,
) -> None:
    """Turn a two-column english,arabic term list into a glossary file.

    Rows are grouped by English; parenthesised glosses in Arabic cells become extra
    forms and notes. Rows that cannot be used are listed on stderr.

    Example: translate glossary import tico19-terms.tsv -o tico19.yaml
    """
    from translate.glossary.io_tsv import import_terms
    from translate.glossary.model import ENTRY_TYPES

    if entry_type not in ENTRY_TYPES:
        raise fail(f"--type must be one of {', '.join(ENTRY_TYPES)}")
    if output.resolve() == terms.resolve():
        raise fail("the output would overwrite the term list; choose another -o")
    with user_errors():
        report = import_terms(terms, output, entry_type=entry_type, name=name)
    for message in report.messages:
        typer.echo(f"translate: note: {message}", err=True)
    typer.echo(
        f"{output}: {report.entries} entries, {report.forms} Arabic forms from {report.rows} rows",
        err=True,
    )


@app.command("export")
def export_command(
    glossary_file: Annotated[Path, typer.Argument(help="Glossary YAML file.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV (or .tsv) to write.")],
    header: Annotated[
        bool,
        typer.Option(
            "--header/--no-header",
            envvar="TRANSLATE_HEADER",
            help="Start with an 'en,ar' header row.",
        ),
    ] = False,
) -> None:
    """Write a glossary as english,arabic rows, one per Arabic form (CSV, or TSV for .tsv).

    Example: translate glossary export names.yaml -o names.csv
    """
    from translate.glossary import load_glossary
    from translate.glossary.io_tsv import export_terms

    if output.resolve() == glossary_file.resolve():
        raise fail("the output would overwrite the glossary; choose another -o")
    with user_errors():
        rows = export_terms(load_glossary(glossary_file), output, header=header)
    typer.echo(f"{output}: {rows} rows", err=True)


def _register_suggest() -> None:
    from translate.cli.suggest import suggest_command

    app.command("suggest")(suggest_command)


_register_suggest()
