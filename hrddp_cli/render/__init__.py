"""Output formats: one module per format, found by name.

``render/validate/sarif.py`` *is* the ``sarif`` format of ``hrddp validate``: adding a format is
adding one module with a docstring (its first line is the format's help) and a function
``render(result, options) -> str | bytes``. The table of formats is the folder itself, read by
:func:`formats`; ``--format`` choices and their help come from it. Modules are imported only
when chosen, so an unused format costs nothing at start-up. Modules whose name starts with
``_`` are shared helpers, not formats.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from hrddp_cli.errors import UsageError

ALIASES = {"md": "markdown"}
_HERE = os.path.dirname(__file__)


@dataclass(frozen=True, slots=True)
class Options:
    """What a renderer may need besides the result."""

    color: bool = False
    strict: bool = False
    width: int | None = None  # the terminal's, when writing to one
    template: str | None = None  # a user's Jinja2 template (brief, md and html)


class Renderer(Protocol):
    """A format: ``render`` gives the whole output, text or bytes."""

    def render(self, result: Any, options: Options) -> str | bytes: ...


@cache
def formats(command: str) -> tuple[str, ...]:
    """The format names of ``command``, sorted, as found in its folder."""
    folder = os.path.join(_HERE, command)
    names = (name[:-3] for name in os.listdir(folder) if name.endswith(".py"))
    return tuple(sorted(name for name in names if not name.startswith("_")))


def format_help(command: str) -> str:
    """The help of ``--format`` for ``command``: its formats, in words."""
    names = formats(command)
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    aliases = [f"{alias} for {name}" for alias, name in ALIASES.items() if name in names]
    return f"{listed}" + (f" ({', '.join(aliases)})" if aliases else "") + "."


def renderer(command: str, name: str) -> Renderer:
    """The module rendering ``command``'s output as ``name``; a usage error names the choices."""
    chosen = ALIASES.get(name, name)
    available = formats(command)
    if chosen not in available:
        raise UsageError(f"unknown format '{name}' for {command}; choose one of: {', '.join(available)}")
    module: Renderer = importlib.import_module(f"{__name__}.{command}.{chosen}")
    return module
