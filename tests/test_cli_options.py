"""The options of every command, walked: shared translation options, environment variables."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import typer
from typer.testing import CliRunner

from translate.cli import app

runner = CliRunner()

ROOT = typer.main.get_command(app)

# Options of the main command that are not translation options: the other translating
# commands have their own (or none).
# --document-separator: the pipe's document boundary (files and eval lines have theirs).
MAIN_ONLY = {
    "--input",
    "--output",
    "--report",
    "--debug",
    "--version",
    "--help",
    "--document-separator",
}

# Options that have no environment variable, and why: each names one run's own input,
# output or identity, or only prints something.
NO_VARIABLE_ANYWHERE = {"--help": "prints the help of a command"}
NO_VARIABLE = {
    ("translate", "--version"): "prints the version",
    ("translate", "--input"): "the input of one run",
    ("translate", "--output"): "the output of one run",
    ("translate files", "--out-dir"): "the output folder of one run",
    ("translate eval", "--src"): "the test data of one run",
    ("translate eval", "--ref"): "the test data of one run",
    ("translate eval", "--hyp"): "the test data of one run",
    ("translate eval", "--testset"): "the test data of one run",
    ("translate eval", "--json"): "the report file of one run",
    ("translate eval", "--markdown"): "the report file of one run",
    ("translate models install", "--from-archive"): "the archive one run installs",
    ("translate models install", "--name"): "the name of the one model installed",
    ("translate models install", "--sha256"): "the checksum of one archive",
    ("translate models install", "--url"): "the address of one download",
    ("translate glossary import", "--output"): "the output of one run",
    ("translate glossary suggest", "--output"): "the output of one run",
    ("translate glossary import", "--type"): "what one imported term list holds",
    ("translate glossary import", "--name"): "the name of the one glossary written",
    ("translate glossary export", "--output"): "the output of one run",
}


def commands(
    command: click.Command = ROOT, path: str = "translate"
) -> Iterator[tuple[str, click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name, subcommand in command.commands.items():
            yield from commands(subcommand, f"{path} {name}")


def command(path: str) -> click.Command:
    return dict(commands())[path]


def long_flag(option: click.Option) -> str:
    return next(flag for flag in option.opts if flag.startswith("--"))


def options(cmd: click.Command) -> dict[str, click.Option]:
    """The options of a command by long flag, --help included."""
    found = {long_flag(p): p for p in cmd.params if isinstance(p, click.Option)}
    help_option = cmd.get_help_option(click.Context(cmd))
    if help_option is not None:
        found["--help"] = help_option
    return found


def first_envvar(option: click.Option) -> str | None:
    envvar = option.envvar
    return envvar if isinstance(envvar, str) or envvar is None else envvar[0]


def shape(option: click.Option) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """What a user sees of an option: its flags, its negative flags and its variable."""
    return tuple(sorted(option.opts)), tuple(sorted(option.secondary_opts)), first_envvar(option)


TRANSLATION_OPTIONS = sorted(set(options(ROOT)) - MAIN_ONLY)


def test_the_main_command_has_the_translation_options() -> None:
    assert {"--model", "--beam-size", "--glossary", "--glossary-mode", "--keep-diacritics"} <= set(
        TRANSLATION_OPTIONS
    )


@pytest.mark.parametrize("path", ["translate files", "translate eval"])
def test_translating_commands_accept_the_main_commands_translation_options(path: str) -> None:
    main = options(ROOT)
    other = options(command(path))
    missing = [flag for flag in TRANSLATION_OPTIONS if flag not in other]
    assert missing == []
    for flag in TRANSLATION_OPTIONS:
        assert shape(other[flag]) == shape(main[flag]), flag
        assert other[flag].name == main[flag].name, flag
        assert other[flag].help == main[flag].help or flag == "--model", flag


def test_segment_accepts_the_splitting_options_under_the_same_names() -> None:
    main = options(ROOT)
    segment = options(command("translate segment"))
    splitting = {
        "--model",
        "--models-dir",
        "--max-sentence-tokens",
        "--keep-diacritics",
        "--errors",
    }
    assert splitting <= set(segment)
    for flag in splitting:
        assert first_envvar(segment[flag]) == first_envvar(main[flag]), flag
    # the older spelling still works
    assert "--max-tokens" in segment["--max-sentence-tokens"].opts


def every_option() -> Iterator[tuple[str, str, click.Option]]:
    for path, cmd in commands():
        for flag, option in options(cmd).items():
            yield path, flag, option


@pytest.mark.parametrize(
    ("path", "flag"), [(path, flag) for path, flag, _ in every_option()], ids=lambda x: x
)
def test_every_option_has_its_translate_variable(path: str, flag: str) -> None:
    option = options(command(path))[flag]
    if (path, flag) in NO_VARIABLE or flag in NO_VARIABLE_ANYWHERE:
        assert option.envvar is None, f"{path} {flag} has a variable after all"
        return
    expected = "TRANSLATE_" + flag.removeprefix("--").replace("-", "_").upper()
    assert first_envvar(option) == expected, f"{path} {flag}"
    assert option.show_envvar, f"{path} {flag}: --help must show the variable"


def test_the_exclusions_name_real_options() -> None:
    real = {(path, flag) for path, flag, _ in every_option()}
    assert set(NO_VARIABLE) <= real


def test_the_cli_default_model_is_the_translators() -> None:
    from translate.cli.settings import DEFAULT_MODEL
    from translate.translator import DEFAULT_MODEL as TRANSLATOR_DEFAULT

    assert DEFAULT_MODEL == TRANSLATOR_DEFAULT


@pytest.mark.parametrize(
    ("variable", "value", "flag"),
    [
        ("TRANSLATE_ERRORS", "replace", "--errors"),
        ("TRANSLATE_KEEP_DIACRITICS", "1", "--keep-diacritics"),
        ("TRANSLATE_MAX_SENTENCE_TOKENS", "8", "--max-sentence-tokens"),
    ],
)
def test_new_variables_reach_segment(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, flag: str
) -> None:
    line = "، ".join(["كَلِمَة كلمة كلمة كلمة كلمة كلمة"] * 3) + ".\n"
    data = line.encode() + (b"\xff\n" if variable == "TRANSLATE_ERRORS" else b"")
    before = runner.invoke(
        app, ["segment", flag, value] if flag == "--errors" else ["segment"], input=data
    )
    monkeypatch.setenv(variable, value)
    after = runner.invoke(app, ["segment"], input=data)
    assert after.exit_code == 0, after.output
    if variable == "TRANSLATE_ERRORS":
        assert after.stdout == before.stdout  # as if --errors replace was given
    else:
        assert after.stdout != before.stdout


def test_variables_for_glossary_and_report(tiny_model_dir: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.jsonl"
    env = {
        "TRANSLATE_MODEL": str(tiny_model_dir),
        "TRANSLATE_NO_DEFAULT_GLOSSARY": "1",
        "TRANSLATE_GLOSSARY": str(tmp_path / "missing.yaml"),
        "TRANSLATE_REPORT": str(report),
    }
    result = runner.invoke(app, [], input="مرحبا\n".encode(), env=env)
    assert result.exit_code == 2 and "missing.yaml" in result.stderr  # the variable was read
    env["TRANSLATE_GLOSSARY"] = ""
    result = runner.invoke(app, ["--max-decoding-length", "8"], input="مرحبا\n".encode(), env=env)
    assert result.exit_code == 0, result.output
    assert report.is_file()


def test_options_before_a_subcommand_name_are_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["-m", "toy-news", "files", str(tmp_path), "-O", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (
        "translate: error: --model goes after the command name: translate files --model ...\n"
    )


def test_debug_shows_the_traceback_without_touching_the_environment(tmp_path: Path) -> None:
    from translate.errors import ModelNotFoundError

    argv = ["--model", "nope", "--models-dir", str(tmp_path), "--offline", "--no-default-glossary"]
    quiet = runner.invoke(app, argv, input=b"x\n")
    assert quiet.exit_code == 2 and "Traceback" not in quiet.stderr
    loud = runner.invoke(app, ["--debug", *argv], input=b"x\n")
    assert isinstance(loud.exception, ModelNotFoundError)
    assert "TRANSLATE_DEBUG" not in os.environ
    again = runner.invoke(app, argv, input=b"x\n")
    assert again.exit_code == 2 and again.exception is not None
    assert not isinstance(again.exception, ModelNotFoundError)
