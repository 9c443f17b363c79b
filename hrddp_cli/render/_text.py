"""Text for a terminal that data cannot take over: no control character reaches the output.

A folder name, a key or a title may hold an escape sequence (ESC, BEL, a carriage return) or a
bidirectional override; each is shown as a visible ``\\u…`` escape instead, so that no line of
output can move the cursor, change colours or read differently from what it says.
"""

from __future__ import annotations

import re

_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def plain(text: str) -> str:
    """``text`` with every control, bidirectional or invisible character made visible as ``\\uXXXX``."""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
