"""The one registry of codes: validation checks, status rules and review flags.

Each is registered once, by a decorator next to the function that implements it (``check`` in
:mod:`hrddp_cli.checks`, ``rule`` in :mod:`hrddp_cli.rules`, ``flag`` in :mod:`hrddp_cli.flags`),
and its docstring is its documentation: a one-line summary, a blank line, the rationale.
``hrddp rules``, ``docs/rules.md``, SARIF's rule list and the schema of ``hrddp.yaml`` are all
generated from here (:mod:`hrddp_cli.catalogue`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["validation", "status", "review"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One code: what it is, why it exists, and how ``hrddp.yaml`` may configure it."""

    code: str
    kind: Kind
    summary: str
    rationale: str
    citation: str  # the section of the founding report or of the format behind it
    severity: str | None = None  # validation and review: error or warning
    floor: str | None = None  # status: the floor it sets (None: it only reports)
    floors: tuple[str, ...] = ()  # status: the floors it sets when it has several (then no floor setting)
    fixed: str | None = None  # why it cannot be turned off or reconfigured; None when it can
    run: Callable[..., Any] | None = None  # None: reported by the reader, not by a function


REGISTRY: dict[str, Entry] = {}


def register(function: Callable[..., Any], kind: Kind, code: str, citation: str, **settings: Any) -> Entry:
    """Register ``function`` under ``code``; its docstring becomes the entry's documentation."""
    if code in REGISTRY:
        raise ValueError(f"{code} registered twice")
    doc = inspect.cleandoc(function.__doc__ or "")
    summary, _, rationale = doc.partition("\n\n")
    entry = Entry(code, kind, " ".join(summary.split()), " ".join(rationale.split()), citation, **settings)
    REGISTRY[code] = entry
    return entry


def entries(kind: Kind) -> dict[str, Entry]:
    """The entries of one kind registered so far, in registration order."""
    return {code: entry for code, entry in REGISTRY.items() if entry.kind == kind}
