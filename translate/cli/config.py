"""The user's YAML config file: defaults for the options of every command.

The file is ``$TRANSLATE_CONFIG`` or ``config.yaml`` in the user config folder
(``~/.config/arabic-translate/`` on Linux). Its keys are option names, the same names as
the ``TRANSLATE_*`` variables without the prefix (``beam_size: 1``, ``model: toy-news``,
``glossary: [names.yaml]``), and each applies to every command that has that option. A
key may also be a command name holding keys for that command only (``files: {quiet:
true}``), which win over the flat ones. Relative paths are relative to the file's folder.

Precedence, as click applies it: flags, then environment variables, then this file,
then the built-in defaults. :func:`load_config` reads and checks the whole file first
and returns every problem with its ``file:line``; nothing of a bad file is used.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import click
import yaml

from translate.cli.settings import ENV_PREFIX
from translate.errors import ConfigError
from translate.fileio import decode_utf8_strict
from translate.options import TranslationOptions

__all__ = ["Config", "config_key", "default_config_path", "load_config"]

CONFIG_VARIABLE = "TRANSLATE_CONFIG"
# The line and byte of the first bad byte, so the user can find it in an editor.
_NOT_UTF8 = "{source}: line {line}: not valid UTF-8 (byte 0x{byte:02x} at byte column {column})"


def default_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("arabic-translate")) / "config.yaml"


def config_key(option: click.Option) -> str | None:
    """The config key of an option: its ``TRANSLATE_*`` variable without the prefix, in
    lower case; None for an option without one (it cannot be configured)."""
    envvar = option.envvar
    first = envvar if isinstance(envvar, str) else envvar[0] if envvar else None
    if first is None or not first.startswith(ENV_PREFIX):
        return None
    return first[len(ENV_PREFIX) :].lower()


@dataclass
class Config:
    """What the config file says: click's ``default_map`` (nested per command), the file
    it came from, and its problems (``file:line: what``), if any."""

    path: Path | None = None
    default_map: dict[str, object] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def error(self) -> ConfigError | None:
        """All problems as one error, or None when there are none."""
        if not self.problems:
            return None
        if len(self.problems) == 1:
            return ConfigError(self.problems[0])
        listing = "\n".join(f"  {problem}" for problem in self.problems)
        return ConfigError(f"{len(self.problems)} problems in the config file:\n{listing}")


def load_config(command: click.Command, environ: Mapping[str, str] | None = None) -> Config:
    """Read and check the config file against ``command``'s options (and its
    subcommands'); a missing default file is no config, a missing $TRANSLATE_CONFIG a
    problem."""
    env = os.environ if environ is None else environ
    named = env.get(CONFIG_VARIABLE, "").strip()
    path = Path(named).expanduser() if named else default_config_path()
    config = Config(path=path)
    if not path.is_file():
        if named:
            what = "a folder" if path.is_dir() else "not there"
            config.problems.append(f"{CONFIG_VARIABLE} names {path}, which is {what}")
        return config
    try:
        text = decode_utf8_strict(
            path.read_bytes(), str(path), error=ConfigError, message=_NOT_UTF8
        )
    except ConfigError as exc:
        config.problems.append(str(exc))
        return config
    except OSError as exc:
        config.problems.append(f"{path}: cannot read it: {exc.strerror or exc}")
        return config
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        config.problems.append(f"{path}{line}: not valid YAML: {problem}")
        return config
    if root is None:
        return config
    if not isinstance(root, yaml.MappingNode):
        config.problems.append(
            f"{path}:{root.start_mark.line + 1}: the file must map option names to values, "
            "like `beam_size: 5`"
        )
        return config
    _Reader(path, config).apply(root, command, config.default_map, ())
    if config.problems:
        config.default_map = {}
    return config


class _Reader:
    def __init__(self, path: Path, config: Config) -> None:
        self.path = path
        self.config = config
        self.constructor = yaml.SafeLoader("")

    def problem(self, node: yaml.Node, message: str) -> None:
        text = f"{self.path}:{node.start_mark.line + 1}: {message}"
        if text not in self.config.problems:
            self.config.problems.append(text)

    def apply(
        self,
        mapping: yaml.MappingNode,
        command: click.Command,
        defaults: dict[str, object],
        where: tuple[str, ...],
    ) -> None:
        """Put the keys of ``mapping`` into ``defaults``, ``command``'s default map:
        flat keys first (into every subcommand that has the option), sections after."""
        seen: set[str] = set()
        sections: list[tuple[yaml.Node, click.Command, yaml.MappingNode]] = []
        subcommands = command.commands if isinstance(command, click.Group) else {}
        for key_node, value_node in mapping.value:
            key = str(key_node.value).replace("-", "_")
            if key in seen:
                self.problem(key_node, f"{key} is set twice")
                continue
            seen.add(key)
            if key in subcommands and isinstance(value_node, yaml.MappingNode):
                sections.append((key_node, subcommands[key], value_node))
                continue
            self.set_everywhere(key_node, key, value_node, command, defaults, where)
        for key_node, subcommand, section in sections:
            name = str(key_node.value).replace("-", "_")
            self.apply(section, subcommand, _table(defaults, (name,)), (*where, name))

    def set_everywhere(
        self,
        key_node: yaml.Node,
        key: str,
        value_node: yaml.Node,
        command: click.Command,
        defaults: dict[str, object],
        where: tuple[str, ...],
    ) -> None:
        targets = [found for found in _all_options(command) if found[0] == key]
        if not targets:
            known = sorted({found[0] for found in _all_options(command)})
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            scope = f" of translate {' '.join(where)}" if where else ""
            self.problem(key_node, f"unknown option {key!r}{scope}{hint}")
            return
        try:
            value = self.constructor.construct_object(value_node, deep=True)
        except yaml.YAMLError as exc:
            self.problem(value_node, f"{key}: {exc}")
            return
        for _, option, owner, path in targets:
            converted = self.convert(key, value, value_node, option, owner)
            if converted is not _BAD:
                _table(defaults, path)[option.name or key] = converted

    def convert(
        self,
        key: str,
        value: object,
        node: yaml.Node,
        option: click.Option,
        command: click.Command,
    ) -> object:
        if isinstance(value, dict):
            self.problem(node, f"{key}: expected a value, not a mapping")
            return _BAD
        if option.multiple and not isinstance(value, list):
            value = [value]
        elif not option.multiple and isinstance(value, list):
            self.problem(node, f"{key}: expected one value, not a list")
            return _BAD
        try:
            converted = option.type_cast_value(click.Context(command), value)
        except click.BadParameter as exc:
            self.problem(node, f"{key}: {exc.message}")
            return _BAD
        if isinstance(option.type, click.Path):
            converted = self.relative_to_file(converted)
        if key in _OPTION_FIELDS:
            try:
                TranslationOptions(**{key: converted})
            except ConfigError as exc:
                self.problem(node, f"{key}: {exc}")
                return _BAD
        return converted

    def relative_to_file(self, value: object) -> object:
        if isinstance(value, (list, tuple)):
            return [self.relative_to_file(item) for item in value]
        if isinstance(value, (str, Path)):
            return str(self.path.parent / Path(value).expanduser())
        return value


_BAD = object()
_OPTION_FIELDS = frozenset(TranslationOptions.__dataclass_fields__)


def _all_options(
    command: click.Command, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, click.Option, click.Command, tuple[str, ...]]]:
    """Every configurable option of ``command`` and its subcommands: its key, the option,
    its command and that command's path below ``command``."""
    for param in command.params:
        if isinstance(param, click.Option):
            key = config_key(param)
            if key is not None:
                yield key, param, command, path
    if isinstance(command, click.Group):
        for name, subcommand in command.commands.items():
            yield from _all_options(subcommand, (*path, name))


def _table(defaults: dict[str, object], path: tuple[str, ...]) -> dict[str, object]:
    """The default map of the subcommand at ``path``, nested in ``defaults`` as click
    expects (a command's name maps to its own default map)."""
    for name in path:
        inner = defaults.setdefault(name, {})
        assert isinstance(inner, dict)
        defaults = inner
    return defaults
