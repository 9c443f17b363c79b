"""Terminal colour for the plain-text formats, without loading a terminal library at start-up."""

from __future__ import annotations

_CODES = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "green": "32", "cyan": "36"}


class Style:
    """Wraps text in ANSI colour codes, or leaves it alone when colour is off."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        codes = ";".join(_CODES[s] for s in styles if s)
        if not self.enabled or not codes:
            return text
        return f"\033[{codes}m{text}\033[0m"
