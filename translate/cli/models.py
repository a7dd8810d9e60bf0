"""``translate models``: list, install, inspect and remove models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from translate.cli.common import fail, user_errors
from translate.cli.settings import ModelsDirOption
from translate.errors import ModelInstallError
from translate.progress import DownloadProgress

app = typer.Typer(
    name="models",
    help="List, install, inspect and remove translation models.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _dir(models_dir: Path | None) -> Path:
    from translate.models.store import default_models_dir

    return models_dir or default_models_dir()


def _size(n: int) -> str:
    return f"{n / 1024**2:.1f} MB"


@app.command("list")
def list_models(models_dir: ModelsDirOption = None) -> None:
    """Show the catalogue and what is installed (size on disk, quantization, where)."""
    from translate.models.catalogue import load_catalogue
    from translate.models.install import model_info
    from translate.models.store import list_installed

    with user_errors():
        root = _dir(models_dir)
        catalogue = load_catalogue()
        rows = [("NAME", "INSTALLED", "SIZE", "QUANT", "LICENSE", "WHERE")]
        for entry in catalogue.entries:
            found = model_info(entry.name, root).installed
            name = entry.name + (" (default)" if entry.default else "")
            if found is None:
                rows.append((name, "no", "-", "-", entry.license, "-"))
                continue
            state = "bundled" if found.bundled else "yes"
            quant = found.quantization or "-"
            rows.append(
                (name, state, _size(found.size_bytes), quant, entry.license, str(found.path))
            )
        for found in list_installed(root):
            if catalogue.find(found.name) is None:
                quant = found.quantization or "-"
                rows.append(
                    (found.name, "yes", _size(found.size_bytes), quant, "-", str(found.path))
                )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())


@app.command("install")
def install(
    name: Annotated[str | None, typer.Argument(help="Catalogue name of the model.")] = None,
    quantization: Annotated[
        str,
        typer.Option(
            envvar="TRANSLATE_QUANTIZATION",
            help="int8, int8_float32, int8_float16, int16, float16 or float32.",
        ),
    ] = "int8",
    from_archive: Annotated[
        Path | None,
        typer.Option(
            "--from-archive",
            help="Install from a local OPUS-MT release zip (for machines without network).",
        ),
    ] = None,
    name_option: Annotated[
        str | None, typer.Option("--name", help="Name to install the archive under.")
    ] = None,
    sha256: Annotated[
        str | None, typer.Option(help="Expected sha256 of the archive (checked if given).")
    ] = None,
    url: Annotated[
        str | None, typer.Option(help="Download from this address instead of the catalogue's.")
    ] = None,
    allow_http: Annotated[
        bool,
        typer.Option(
            "--allow-http/--no-allow-http",
            envvar="TRANSLATE_ALLOW_HTTP",
            help="Allow plain-HTTP downloads.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force/--no-force", envvar="TRANSLATE_FORCE", help="Reinstall if installed."
        ),
    ] = False,
    models_dir: ModelsDirOption = None,
) -> None:
    """Download, verify and convert a catalogue model, or install one from an archive.

    Examples: `translate models install opus-mt-ar-en`;
    `translate models install --from-archive release.zip --name my-model`.
    """
    from translate.models.install import (
        ModelAlreadyInstalledError,
        install_from_archive,
        install_model,
    )

    root = _dir(models_dir)
    model_name = name_option or name
    if model_name is None:
        raise fail("give a catalogue NAME, or --from-archive PATH.zip --name NAME")
    if name and name_option and name != name_option:
        raise fail(f"two different names given: {name!r} and --name {name_option!r}")
    bar = DownloadProgress(f"downloading {model_name}")
    with user_errors():
        try:
            if from_archive is not None:
                typer.echo(f"installing {from_archive} as {model_name} ...", err=True)
                path = install_from_archive(
                    from_archive, model_name, root, quantization,
                    expected_sha256=sha256, force=force,
                )  # fmt: skip
            else:
                if sha256:
                    raise ModelInstallError("--sha256 is only used with --from-archive")
                path = install_model(
                    model_name, root, quantization,
                    allow_http=allow_http, url=url, force=force, progress=bar,
                )  # fmt: skip
        except ModelAlreadyInstalledError as exc:
            typer.echo(f"{model_name} is already installed at {exc.path} (--force reinstalls it)")
            return
        finally:
            bar.close()
    typer.echo(f"installed {model_name} at {path}")


@app.command("info")
def info(name: str, models_dir: ModelsDirOption = None) -> None:
    """Show what the catalogue and the installed manifest say about one model."""
    import json

    from translate.models.install import model_info

    with user_errors():
        found = model_info(name, _dir(models_dir))
    out: list[str] = [f"name: {name}"]
    entry = found.entry
    if entry is not None:
        out += [
            f"description: {entry.description}",
            f"architecture: {entry.architecture}",
            f"licence: {entry.license}",
            f"source: {entry.url or entry.path or '-'}",
            f"default: {'yes' if entry.default else 'no'}",
        ]
        if entry.approx_size_mb:
            out.append(f"download size: about {entry.approx_size_mb} MB")
        if entry.scores and not found.is_catalogue_release:
            out.append("published score: not shown (this install is not the catalogue's release)")
        for score in entry.scores if found.is_catalogue_release else ():
            parts = [f"BLEU {score.bleu}" if score.bleu is not None else ""]
            parts.append(f"chrF {score.chrf}" if score.chrf is not None else "")
            published = ", ".join(p for p in parts if p)
            out.append(f"published score: {score.testset}: {published}")
    installed = found.installed
    if installed is None:
        out.append("installed: no")
    else:
        out.append(f"installed: {'bundled' if installed.bundled else 'yes'} at {installed.path}")
        out.append(f"size on disk: {_size(installed.size_bytes)}")
        if installed.manifest:
            out.append("manifest: " + json.dumps(installed.manifest, ensure_ascii=False))
    typer.echo("\n".join(out))


@app.command("remove")
def remove(name: str, models_dir: ModelsDirOption = None) -> None:
    """Delete an installed model (bundled models cannot be removed)."""
    from translate.models.store import remove_model

    with user_errors():
        path = remove_model(name, _dir(models_dir))
    typer.echo(f"removed {name} ({path})")
