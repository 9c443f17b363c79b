"""A progress line on standard error for long runs on a terminal: none when piped, in CI, or for short runs.

It is one line, rewritten in place at most ten times a second (``validating 120/300 dossiers``),
and erased when the run ends, so that it never mixes with the report.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")
Step = Callable[[int], None]
_MINIMUM = 20  # items below which a run is short enough to need none


def shown() -> bool:
    """Whether a progress line may be drawn: standard error is a terminal, and this is not CI."""
    in_ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false")
    return not in_ci and sys.stderr.isatty()


def tracked(items: Iterable[Item], total: int, what: str, enabled: bool | None = None) -> Iterator[Item]:
    """``items``, with ``what 3/120`` drawn on standard error while they are worked through."""
    if not (shown() if enabled is None else enabled) or total < _MINIMUM:
        yield from items
        return
    last = 0.0
    try:
        for done, item in enumerate(items, 1):
            now = time.monotonic()
            if now - last > 0.1 or done == total:
                sys.stderr.write(f"\r{what} {done}/{total}")
                sys.stderr.flush()
                last = now
            yield item
    finally:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()
