"""Portfolio settings: ``hrddp.yaml`` at the portfolio root, or the file given with ``--config``.

The file is read by the same bounded loader as a dossier and checked against
``schemas/config.schema.json``; any problem is a configuration error (exit 2) that names the
file, line and column. What the file leaves out keeps its default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrddp_cli.errors import ConfigError
from hrddp_cli.load import DEFAULT_MAX_DEPTH, DEFAULT_MAX_FILE_BYTES, EMPTY, load_file

CONFIG_NAME = "hrddp.yaml"


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds the reader applies to every dossier file."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH


@dataclass(frozen=True, slots=True)
class Config:
    """Settings in force for a run: ``source`` is the file they came from, or None (defaults)."""

    limits: Limits = field(default_factory=Limits)
    methodology: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None


def find_config(start: Path) -> Path | None:
    """The nearest ``hrddp.yaml`` in ``start`` (a folder, or a file's folder) or above it."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def load_config(explicit: str | None, paths: list[str]) -> Config:
    """The settings for a run over ``paths``: ``--config`` if given, else the nearest file."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: no such configuration file")
    else:
        found = find_config(Path(paths[0] if paths else "."))
        if found is None:
            return Config()
        path = _display(found)
    return read_config(path)


def read_config(path: Path) -> Config:
    """Read and check one configuration file."""
    from hrddp_cli import schema

    result = load_file(path, max_bytes=DEFAULT_MAX_FILE_BYTES, max_depth=DEFAULT_MAX_DEPTH)
    if [problem.message for problem in result.problems] == [EMPTY]:
        return Config(source=path)  # an empty (or comments-only) file changes nothing
    messages = []
    for problem in result.problems:
        line, column = problem.position or (1, 1)
        messages.append(f"{line}:{column}: {problem.message}")
    document = result.document
    if document is not None:
        messages += schema.located_errors(document, "config", lambda pointer: True)
    if messages or document is None:
        listed = "\n".join(f"  {path}:{message}" for message in messages)
        raise ConfigError(f"the configuration file {path} is not valid:\n{listed}")
    data = document.data
    limits = data.get("limits", {})
    return Config(
        limits=Limits(
            max_file_bytes=limits.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES),
            max_depth=limits.get("max_depth", DEFAULT_MAX_DEPTH),
        ),
        methodology=data.get("methodology", {}),
        source=path,
    )


def _display(path: Path) -> Path:
    """A path relative to the working folder when it lies below it, as a user would write it."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path
