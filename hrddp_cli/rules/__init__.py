"""The registry of status rules (status-rules.md, "The recommendation").

A rule is one small pure function, registered with :func:`rule`, that reads a
:class:`~hrddp_cli.status.Situation` and yields a :class:`Trigger` each time it fires: the
records behind it and one sentence saying why. Its docstring is its documentation (summary,
blank line, rationale), printed by ``hrddp rules``. Rules run in registry order, so a rule may
read what earlier ones fired (S2 reads the G-rules). Adding a rule is writing one function in
the module of its family.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from hrddp_cli.status import Situation

FAMILIES = ("grave", "risks", "mitigations", "review", "consultations", "policy", "validity")
Scope = Literal["engagement", "unit"] | None


class Record(NamedTuple):
    """A record a rule names: its file (``incidents.yaml``) and id (None for the context)."""

    file: str
    id: str | None


class Trigger(NamedTuple):
    """One firing of a rule. ``scope`` is ``engagement`` or ``unit:U-…`` (None for rules without a floor).

    ``floor`` overrides the rule's own floor for this firing (M1 on a grave-violation risk).
    ``action`` is something to do, listed beside the recommendation.
    """

    records: tuple[Record, ...]
    message: str
    scope: str | None = "engagement"
    floor: str | None = None
    action: str | None = None


Evaluate = Callable[["Situation"], Iterable[Trigger]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    floor: str | None
    scope: Scope
    summary: str
    rationale: str
    source: str
    evaluate: Evaluate


RULES: dict[str, Rule] = {}


def rule(code: str, *, floor: str | None, scope: Scope, source: str) -> Callable[[Evaluate], Evaluate]:
    """Register the decorated function as the status rule ``code``."""

    def register(function: Evaluate) -> Evaluate:
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        doc = inspect.cleandoc(function.__doc__ or "")
        summary, _, rationale = doc.partition("\n\n")
        RULES[code] = Rule(code, floor, scope, " ".join(summary.split()), " ".join(rationale.split()), source, function)
        return function

    return register


def all_rules() -> dict[str, Rule]:
    """Every status rule, by code, in evaluation order."""
    for family in FAMILIES:
        importlib.import_module(f"{__name__}.{family}")
    return RULES
