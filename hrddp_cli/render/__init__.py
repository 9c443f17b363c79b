"""Output formats. Each command's formats are the modules of its subpackage.

``render/validate/sarif.py`` *is* the ``sarif`` format of ``hrddp validate``: adding a format is
adding one module with a ``render`` function (and a docstring, shown in ``--help``). Modules are
imported only when chosen, so an unused format costs nothing at start-up.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

from hrddp_cli.errors import UsageError

ALIASES = {"md": "markdown"}


@dataclass(frozen=True, slots=True)
class Options:
    """What a renderer may need besides the result: colour, and whether warnings fail."""

    color: bool = False
    strict: bool = False
    width: int | None = None  # the terminal's, when writing to one


@cache
def formats(command: str) -> tuple[str, ...]:
    """The format names of ``command``, sorted, as found in its subpackage."""
    folder = Path(__file__).parent / command
    return tuple(sorted(m.name for m in pkgutil.iter_modules([str(folder)]) if not m.name.startswith("_")))


def renderer(command: str, name: str) -> ModuleType:
    """The module rendering ``command``'s output as ``name``; a usage error names the choices."""
    chosen = ALIASES.get(name, name)
    available = formats(command)
    if chosen not in available:
        raise UsageError(f"unknown format '{name}' for {command}; choose one of: {', '.join(available)}")
    return importlib.import_module(f"{__name__}.{command}.{chosen}")
