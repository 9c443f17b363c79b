"""Where the files that ship with hrddp are: the JSON Schemas and the Jinja2 templates.

The top-level ``schemas/`` and ``templates/`` folders are their source; the wheel carries them
inside the package as ``hrddp_cli/_data/`` (see ``pyproject.toml``). An editable install, which
is the checkout itself, reads the source folders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``schemas`` or ``templates`` as installed."""
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name
