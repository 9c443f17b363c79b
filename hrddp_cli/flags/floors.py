"""Flags on the outcome: a scope's floor became less severe (REV005)."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.flags import Comparison, Raised, flag
from hrddp_cli.methodology import rank
from hrddp_cli.scoring import ENGAGEMENT


@flag("REV005", citation="SEED §5 (adapt, suspend or terminate)")
def floor_lowered(comparison: Comparison) -> Iterable[Raised]:
    """The floor of a scope became less severe: the engagement's recommendation, or a unit's own floor.

    A unit's own floor is read before U1 and before measures are folded: lifting a unit's
    suspension is a decision a reviewer should see, whatever the engagement does.
    """
    base, head = comparison.base, comparison.head
    if base is None or head is None or base.floors is None or head.floors is None:
        return
    was, now = base.floors.engagement, head.floors.engagement
    if rank(now) < rank(was):
        yield Raised(
            "context.yaml", None, f"the engagement's recommendation went down: {was} → {now}", scope=ENGAGEMENT
        )
    for scope, floor in base.floors.own.items():
        if scope == ENGAGEMENT:
            continue
        after = head.floors.own.get(scope, "proceed")
        if rank(after) < rank(floor):
            unit = scope.removeprefix("unit:")
            yield Raised("context.yaml", None, f"unit {unit}'s own floor went down: {floor} → {after}", scope=scope)
