"""JSON text that stays readable and fast: indented at the top, one record per line below.

``json.dumps(indent=2)`` runs Python's pure-Python encoder, which on a portfolio's status costs
more than scoring it; this expands only the first ``depth`` levels and lets the C encoder write
each deeper value on one line (one finding, one risk, one rule per line: easy to grep and diff).
"""

from __future__ import annotations

import json
from typing import Any

_compact = json.JSONEncoder(separators=(", ", ": ")).encode


def dumps(value: Any, depth: int) -> str:
    """``value`` as JSON text ending in a newline, containers expanded down to ``depth`` levels.

    JSON reaches CI logs too: the text is ASCII (every other character, line separators and
    C1 controls included, written as a \\u escape) and ``#`` is written ``\\u0023``, so that no
    string in it can start a workflow command (``::`` at a line start, ``##[`` anywhere), while
    every value decodes to exactly what it is.
    """
    parts: list[str] = []
    _write(value, depth, "", parts)
    parts.append("\n")
    return inert("".join(parts))


def inert(text: str) -> str:
    """JSON text (ASCII, as json writes it by default) with every ``#`` escaped: ``#`` occurs only in strings."""
    return text.replace("#", "\\u0023")


def pretty(value: Any) -> str:
    """``value`` as indented, inert JSON text (for the small documents of SARIF, GitLab, rules)."""
    return inert(json.dumps(value, indent=2)) + "\n"


def _write(value: Any, depth: int, indent: str, parts: list[str]) -> None:
    if depth <= 0 or not isinstance(value, dict | list) or not value:
        parts.append(_compact(value))
        return
    inner = indent + "  "
    if isinstance(value, dict):
        parts.append("{")
        for index, (key, item) in enumerate(value.items()):
            parts.append(("," if index else "") + "\n" + inner + _compact(key) + ": ")
            _write(item, depth - 1, inner, parts)
        parts.append("\n" + indent + "}")
    else:
        parts.append("[")
        for index, item in enumerate(value):
            parts.append(("," if index else "") + "\n" + inner)
            _write(item, depth - 1, inner, parts)
        parts.append("\n" + indent + "]")
