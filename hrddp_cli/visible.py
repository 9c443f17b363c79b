"""Data shown as data: no character of a dossier, a path or a key can act on the reader's screen.

A folder name, a key or a title may hold an escape sequence (ESC, BEL, a carriage return), a line
break, a bidirectional override, an invisible character (``R-0\u200b03``) or a space that only looks
like one (a non-breaking space copied from a word processor). :func:`plain` shows each as a visible
``\\uXXXX`` escape, so that no output line can move the cursor, change colours, read differently
from what it says, or start a CI workflow command: ``::`` in data is shown as ``:\\u003a`` and
``##[`` as ``#\\u0023[`` (GitHub reads a line that starts with ``::``, and the older ``##[``
anywhere in a line, as a command). A folder name that is not UTF-8 (a lone surrogate, as Python
reads it) is shown as its escape too, so that the output stays valid UTF-8.
"""

from __future__ import annotations

import re

_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00a0\u00ad\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2069\u3000\ud800-\udfff\ufeff]|::|##\\["
)
_COMMANDS = {"::": ":\\u003a", "##[": "#\\u0023["}


def _shown(match: re.Match[str]) -> str:
    found = match.group()
    return _COMMANDS.get(found) or f"\\u{ord(found):04x}"


def plain(text: str) -> str:
    """``text`` with every control, line-breaking, bidirectional or invisible character made visible."""
    return _INVISIBLE.sub(_shown, text)
