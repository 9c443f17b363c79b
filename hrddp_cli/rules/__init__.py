"""The status rules of the methodology, each a small pure function.

A rule is registered with :func:`rule`; it reads a :class:`~hrddp_cli.scoring.Situation` and
yields a :class:`Trigger` each time it fires: the records behind it, its scope and one sentence
saying why. Its docstring is its documentation (summary, blank line, rationale), printed by
``hrddp rules``. Rules run in registry order, so a rule may read what earlier ones fired (S2
reads the G-rules). Adding a rule is writing one function in the module of its family.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from hrddp_cli import registry
from hrddp_cli.scoring import Situation, Trigger

__all__ = ["Evaluate", "Trigger", "all_rules", "rule"]

FAMILIES = (
    "grave",
    "involvement",
    "response",
    "risks",
    "mitigations",
    "review",
    "consultations",
    "policy",
    "units",
    "validity",
)


Evaluate = Callable[[Situation], Iterable[Trigger]]


def rule(
    code: str, *, floor: str | None, citation: str, floors: tuple[str, ...] = (), fixed: str | None = None
) -> Callable[[Evaluate], Evaluate]:
    """Register the decorated function as the status rule ``code``.

    ``floor`` is the floor it sets (None: it only reports); ``floors`` the floors of a rule that
    sets several (then ``hrddp.yaml`` may only turn it off); ``fixed`` why it cannot be
    configured at all.
    """

    def register(function: Evaluate) -> Evaluate:
        registry.register(function, "status", code, citation, floor=floor, floors=floors, fixed=fixed, run=function)
        return function

    return register


def all_rules() -> dict[str, registry.Entry]:
    """Every status rule, by code, in evaluation order."""
    for family in FAMILIES:
        importlib.import_module(f"{__name__}.{family}")
    return registry.entries("status")
