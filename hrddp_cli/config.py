"""Portfolio settings: ``hrddp.yaml`` at the portfolio root, or the file given with ``--config``.

The file is read through the same tree and the same bounded loader as a dossier, checked
against ``schemas/config.schema.json`` (generated from the registry of codes), and parsed once
into :class:`Settings`: the reader's limits, the :class:`~hrddp_cli.methodology.Methodology`
and the settings of each check. Any problem is a configuration error (exit 2) that names the
file, line and column. What the file leaves out keeps its default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from hrddp_cli import schema
from hrddp_cli.errors import ConfigError
from hrddp_cli.findings import Pointer
from hrddp_cli.load import DEFAULT_MAX_DEPTH, DEFAULT_MAX_FILE_BYTES, EMPTY, Document, load_bytes
from hrddp_cli.methodology import DAY_SETTINGS, Methodology, RuleSetting
from hrddp_cli.source import NotReadable, TooLarge, Tree, WorkTree, find_config


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds the reader applies to every dossier file."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH


@dataclass(frozen=True, slots=True)
class CheckSetting:
    enabled: bool = True
    severity: str | None = None  # None: the check's own severity


@dataclass(frozen=True, slots=True)
class Settings:
    """Settings in force for a run: ``file`` is the hrddp.yaml they came from, or None (defaults)."""

    limits: Limits = field(default_factory=Limits)
    methodology: Methodology = field(default_factory=Methodology)
    checks: dict[str, CheckSetting] = field(default_factory=dict)
    file: str | None = None
    analyst_audience: str = "confidential"  # default --audience on an analyst's terminal
    ci_audience: str = "internal"  # default --audience in CI and when piped

    def check(self, code: str) -> CheckSetting:
        return self.checks.get(code, CheckSetting())


def load_settings(explicit: str | None, paths: list[str], tree: Tree | None = None) -> Settings:
    """The settings for a run over ``paths``: ``--config`` if given, else the nearest ``hrddp.yaml``."""
    tree = tree or WorkTree()
    if explicit is not None:
        if WorkTree().kind(explicit) != "file":
            raise ConfigError(f"{explicit}: no such configuration file")
        return read_settings(WorkTree(), explicit)
    found = find_config(tree, paths[0] if paths else ".")
    if found is None:
        return Settings()
    return read_settings(tree, display_path(found))


def read_settings(tree: Tree, path: str) -> Settings:
    """Read and check one configuration file."""
    content = tree.read(path, DEFAULT_MAX_FILE_BYTES)
    if content is None or isinstance(content, NotReadable | TooLarge):
        reason = (
            "no such file"
            if content is None
            else f"larger than {DEFAULT_MAX_FILE_BYTES:,} bytes"
            if isinstance(content, TooLarge)
            else content.reason
        )
        raise ConfigError(f"the configuration file {path} cannot be read: {reason}")
    result = load_bytes(content)
    if [problem.message for problem in result.problems] == [EMPTY]:
        return Settings(file=path)  # an empty (or comments-only) file changes nothing
    messages = [f"{(p.position or (1, 1))[0]}:{(p.position or (1, 1))[1]}: {p.message}" for p in result.problems]
    document = result.document
    if document is not None:
        messages += schema.located_errors(document, "config", lambda pointer: True)
    if not messages and document is not None:
        messages += _semantic_errors(document)
    if messages or document is None:
        listed = "\n".join(f"  {path}:{message}" for message in messages)
        raise ConfigError(f"the configuration file {path} is not valid:\n{listed}")
    data = document.data
    limits = data.get("limits", {})
    return Settings(
        limits=Limits(limits.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES), limits.get("max_depth", DEFAULT_MAX_DEPTH)),
        methodology=_methodology(data.get("methodology", {}), path),
        checks={
            code: CheckSetting(s.get("enabled", True), s.get("severity")) for code, s in data.get("checks", {}).items()
        },
        file=path,
        analyst_audience=data.get("audience", {}).get("analyst", "confidential"),
        ci_audience=data.get("audience", {}).get("ci", "internal"),
    )


def _methodology(block: dict[str, Any], path: str) -> Methodology:
    levels = block.get("levels", {})
    defaults = Methodology()
    return Methodology(
        bands=(levels.get("low", 4), levels.get("medium", 9), levels.get("high", 16)),
        max_credit=block.get("max_credit", defaults.max_credit),
        rules={code: RuleSetting(s.get("enabled", True), s.get("floor")) for code, s in block.get("rules", {}).items()},
        defined_in=path,
        **{name: block.get(name, getattr(defaults, name)) for name in DAY_SETTINGS},
    )


def _semantic_errors(document: Document) -> list[str]:
    """What the schema cannot say: bands that increase, and codes that cannot be set as asked.

    Which codes are fixed, and which rules set several floors, is annotated on the generated
    schema (``x-hrddp-fixed``, ``x-hrddp-floors``), so this reads no registry.
    """
    data = document.data
    errors: list[tuple[Pointer, str]] = []
    levels = data.get("methodology", {}).get("levels", {})
    bands = (levels.get("low", 4), levels.get("medium", 9), levels.get("high", 16))
    if not bands[0] < bands[1] < bands[2] < 25:
        got = ", ".join(map(str, bands))
        errors.append((("methodology", "levels"), f"levels must increase (low < medium < high < 25), got {got}"))
    described = schema.schema("config")["properties"]
    for key in data.get("methodology", {}):
        removed = described["methodology"]["properties"].get(key, {}).get("x-hrddp-removed")
        if removed:
            errors.append((("methodology", key), f"{key} was removed: {removed}"))
    for section, pointer, noun, option in (
        (data.get("methodology", {}).get("rules", {}), ("methodology", "rules"), "rule", "floor"),
        (data.get("checks", {}), ("checks",), "check", "severity"),
    ):
        entries = schema.deref(schema.schema("config"), described[pointer[0]])
        for token in pointer[1:]:
            entries = entries["properties"][token]
        for code, setting in section.items():
            entry = entries["properties"][code]
            here = (*pointer, code)
            if "x-hrddp-fixed" in entry and (setting.get("enabled") is False or option in setting):
                errors.append(
                    (here, f"{noun} {code} cannot be turned off or given a {option}: {entry['x-hrddp-fixed']}")
                )
            elif "x-hrddp-floors" in entry and option in setting:
                floors = ", ".join(entry["x-hrddp-floors"])
                errors.append((here, f"rule {code} sets several floors ({floors}); only 'enabled' may be set"))
    return [
        f"{line}:{column}: {message}"
        for (line, column), message in ((document.locate(p, key=True), m) for p, m in errors)
    ]


def display_path(path: str) -> str:
    """A path relative to the working folder when it lies below it, as a user would write it."""
    absolute = os.path.abspath(path)
    here = os.path.abspath(".")
    if absolute == here or absolute.startswith(here + os.sep):
        return os.path.relpath(absolute, here)
    return path
