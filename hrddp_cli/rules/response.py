"""How the recipient and the EU respond: obstruction (A1, A1e), monitoring access (A2), the EU's answer (E2)."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.methodology import phase_at_least
from hrddp_cli.model import CONTEXT_REF, Incident
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.rules._words import response_days, what
from hrddp_cli.scoring import ENGAGEMENT, Situation, shift, unit_scope

_ACCESS_FLOORS = {"refused": "suspend", "restricted": "adapt"}


def _obstructed(situation: Situation) -> list[Incident]:
    """G-incidents, not found unsubstantiated, for which the recipient obstructs accountability."""
    return [
        incident
        for incident in situation.incidents
        if incident.grave
        and incident.supported_units
        and incident.verification != "not_substantiated"
        and incident.recipient_accountability == "obstructed"
    ]


@rule("A1", floor="suspend", citation="UN HRDDP (willingness to take corrective action)")
def accountability_obstructed(situation: Situation) -> Iterable[Trigger]:
    """The recipient obstructs accountability for a grave violation by a supported unit (or blocks its verification).

    A recipient unwilling to take corrective action is the UN HRDDP's reason to withdraw support
    from the unit concerned.
    """
    for incident in _obstructed(situation):
        for unit in incident.supported_units:
            yield Trigger(
                (incident.ref,),
                f"{what(incident)} by supported unit {unit}; the recipient obstructs accountability",
                unit_scope(unit),
            )


@rule("A1e", floor=None, floors=("adapt", "suspend"), citation="UN HRDDP (intercede, then suspend)")
def accountability_obstructed_engagement(situation: Situation) -> Iterable[Trigger]:
    """As A1, for the engagement: adapt while the EU intercedes, suspend once 60 days have passed since it did.

    The UN HRDDP stages its response: intercede with the authorities first, and suspend when the
    intercession fails.
    """
    days = situation.methodology.intercession_days
    for incident in _obstructed(situation):
        assert incident.reported is not None  # situation.incidents are all reported
        responses = situation.responses_by(incident)
        since = responses[0] if responses else incident.reported
        waited = (situation.as_of - since).days
        after = "the first EU response" if responses else "it was reported"
        yield Trigger(
            (incident.ref,),
            f"accountability for incident {incident.id} obstructed, {waited} days after {after}",
            ENGAGEMENT,
            floor="suspend" if situation.as_of > shift(since, days) else "adapt",
        )


@rule("A2", floor=None, floors=("suspend", "adapt"), citation="UN HRDDP (monitoring); SEED §3")
def monitoring_access(situation: Situation) -> Iterable[Trigger]:
    """EU staff and monitors may not reach the supported units: refused suspends, restricted adapts.

    Support that cannot be monitored cannot be shown to do no harm. From phase implementation on,
    access that is not stated is read as restricted; a unit's own access does the same for it.
    """
    context = situation.dossier.context
    access = context.monitoring_access
    stated = access is not None
    if access is None and phase_at_least(context.phase, "implementation"):
        access = "restricted"
    if access in _ACCESS_FLOORS:
        how = f"monitoring access {access}" if stated else "monitoring access not stated (read as restricted)"
        yield Trigger((CONTEXT_REF,), how, ENGAGEMENT, floor=_ACCESS_FLOORS[access])
    for unit in context.units:
        if unit.monitoring_access in _ACCESS_FLOORS:
            yield Trigger(
                (CONTEXT_REF,),
                f"monitoring access to unit {unit.id} {unit.monitoring_access}",
                unit_scope(unit.id),
                floor=_ACCESS_FLOORS[unit.monitoring_access],
            )


_ANSWERED = ("G1", "G1r", "G3o", "G5", "G6")


@rule("E2", floor="adapt", citation="SEED §5 (follow-up after incidents)")
def no_eu_response(situation: Situation) -> Iterable[Trigger]:
    """No EU response within 30 days of a grave incident being reported (7 days for a reprisal): adapt until there is
    one.

    An incident the EU does not answer tells the recipient that nothing follows. A late response
    ends the floor; the entry stays, reporting the delay.
    """
    methodology = situation.methodology
    grave = situation.fired_on(_ANSWERED, "incidents.yaml", floored=True)
    reprisals = situation.fired_on(("G5",), "incidents.yaml", floored=True)
    for incident in situation.incidents:
        if incident.id not in grave or incident.reported is None:
            continue
        window = methodology.reprisal_response_days if incident.id in reprisals else methodology.response_days
        due = shift(incident.reported, window)
        if situation.as_of <= due:
            continue  # the window has not passed yet
        days = response_days(situation, incident)
        if days is not None and days <= window:
            continue
        if days is None:
            yield Trigger(
                (incident.ref,),
                f"no EU response to incident {incident.id} within {window} days of its report",
                action=f"Respond to incident {incident.id}",
            )
        else:
            yield Trigger(
                (incident.ref,),
                f"the EU responded to incident {incident.id} after {days} days, past the {window}-day window",
                floored=False,
            )
