"""U1: the engagement follows its units, so that splitting a risk per unit cannot make it look better."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.methodology import highest, rank
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.rules._words import listed
from hrddp_cli.scoring import ENGAGEMENT, Situation, unit_scope


@rule(
    "U1",
    floor=None,
    floors=("proceed_with_mitigations", "adapt", "suspend", "terminate"),
    fixed=("without it, splitting one risk into one per unit would make the engagement look better"),
    citation="UN HRDDP; status.md (Scope)",
)
def engagement_follows_units(situation: Situation) -> Iterable[Trigger]:
    """Units under measures raise the engagement: one suspended unit to proceed_with_mitigations, half of them to
    adapt, all to the lowest of theirs.

    Excluding a unit is itself a mitigation of the engagement; when many units are excluded, the
    engagement is what is being changed.
    """
    units = [unit.id for unit in situation.dossier.context.units]
    own: dict[str, str] = {}
    engagement = "proceed"
    for firing in situation.fired:
        if firing.floor is None:
            continue
        scope = firing.trigger.scope
        if scope == ENGAGEMENT:
            engagement = highest([engagement, firing.floor])
        for unit in units:
            if scope == unit_scope(unit):
                own[unit] = highest([own.get(unit, "proceed"), firing.floor])
    suspended = [u for u in units if rank(own.get(u, "proceed")) >= rank("suspend")]
    floors = []
    if suspended:
        floors.append("proceed_with_mitigations")
    if suspended and 2 * len(suspended) >= len(units):
        floors.append("adapt")
    measured = [own[u] for u in units if rank(own.get(u, "proceed")) > rank("proceed")]
    if units and len(measured) == len(units):
        floors.append(min(measured, key=rank))
    floor = highest(floors, default="proceed")
    if rank(floor) <= rank(engagement):
        return
    named = [u for u in units if u in own]
    why = (
        f"{len(suspended)} of {len(units)} units under suspend or above" if suspended else "every unit under a measure"
    )
    # The records behind each unit's own floor: what a reader needs to see why the units weigh.
    refs = tuple(
        dict.fromkeys(
            r
            for firing in situation.fired
            for u in named
            if firing.trigger.scope == unit_scope(u) and firing.floor == own[u]
            for r in firing.trigger.records
        )
    )
    yield Trigger(
        refs,
        f"units {listed([f'{u} ({own[u]})' for u in named])}: {why}",
        ENGAGEMENT,
        floor=floor,
    )
