"""G-rules: grave violations by supported units, what the recipient did about them, and patterns (SEED §5).

A *G-incident* has a grave-violation category other than ``none`` (``undetermined`` counts) and
a supported unit among its perpetrators. Each supported unit among them gets exactly one of
G1 (suspend), G1r (relieved: corrective action under way, adapt) or G1c (cleared: remediated,
no floor), scoped to that unit. Patterns of them (G2, G2e) count relieved incidents too.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from hrddp_cli.methodology import highest
from hrddp_cli.model import Incident
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.rules._words import listed, response, what
from hrddp_cli.scoring import ENGAGEMENT, Situation, shift, unit_scope

UNVERIFIED = ("alleged", "under_verification")
_STRONG_CATEGORIES = ("war_crime", "crime_against_humanity")


class Counted(NamedTuple):
    """An incident that counts towards a pattern (G2, G2e): by which unit, and whether relieved."""

    incident: Incident
    unit: str
    relieved: bool


def g_incidents(situation: Situation, credible: bool) -> Iterator[tuple[Incident, str]]:
    """(incident, supported unit) for each G-incident known at the as-of date, once per unit."""
    for incident in situation.incidents:
        if incident.grave and (incident.credible if credible else incident.verification in UNVERIFIED):
            for unit in incident.supported_units:
                yield incident, unit


def joint_operations(situation: Situation) -> Iterator[tuple[Incident, str]]:
    """(incident, supported unit acted with) for credible grave incidents by forces acting with a supported unit."""
    for incident in situation.incidents:
        if incident.credible and incident.grave:
            units = [p.acting_with for p in incident.perpetrators if not p.supported and p.acting_with]
            for unit in dict.fromkeys(u for u in units if u in situation.dossier.context.unit_ids):
                yield incident, unit


def strong_joint_operation(incident: Incident) -> bool:
    """A joint operation treated as the unit's own (G6 at suspend): the gravest categories or scales."""
    return incident.grave_category in _STRONG_CATEGORIES or incident.grave_scale in ("repeated", "systematic")


def counted(situation: Situation) -> list[Counted]:
    """What G2 and G2e count: G1 and G1r incidents, and G6 ones at suspend or relieved from it; never cleared."""
    found = [
        Counted(incident, unit, situation.relieved(incident))
        for incident, unit in g_incidents(situation, credible=True)
        if not incident.cleared
    ]
    found += [
        Counted(incident, unit, situation.relieved(incident))
        for incident, unit in joint_operations(situation)
        if strong_joint_operation(incident) and not incident.cleared
    ]
    return found


def _triggered(
    incident: Incident,
    unit: str,
    message: str,
    floor: str | None = None,
    floored: bool = True,
    action: str | None = None,
) -> Trigger:
    return Trigger((incident.ref,), message, unit_scope(unit), floor=floor, floored=floored, action=action)


@rule("G1", floor="suspend", citation="SEED §5")
def grave_violation_by_supported_unit(situation: Situation) -> Iterable[Trigger]:
    """A credible or verified grave violation by a supported unit, with no corrective action: suspend that unit.

    Support must not go on to a unit that commits grave violations (UN HRDDP; Leahy practice acts
    on the unit). Relief and clearing (G1r, G1c) replace it when the recipient acts.
    """
    for incident, unit in g_incidents(situation, credible=True):
        if not incident.cleared and not situation.relieved(incident):
            yield _triggered(
                incident, unit, f"{what(incident)} by supported unit {unit}; {response(situation, incident)}"
            )


@rule("G1r", floor="adapt", citation="SEED §3, §5")
def grave_violation_relieved(situation: Situation) -> Iterable[Trigger]:
    """As G1, with corrective action under way (prosecution, removal, discipline, a recent suspension): adapt.

    Accountability by the partner's own institutions is what the support aims to build; while it
    is under way, support to the unit is adapted rather than suspended.
    """
    for incident, unit in g_incidents(situation, credible=True):
        if not incident.cleared and situation.relieved(incident):
            done = (incident.recipient_accountability or "").replace("_", " ")
            yield _triggered(incident, unit, f"{what(incident)} by supported unit {unit}; recipient: {done}")


@rule("G1c", floor=None, citation="SEED §5")
def grave_violation_cleared(situation: Situation) -> Iterable[Trigger]:
    """As G1, remediated: a conviction, or discipline for no core crime, with the case closed. Reported, no floor.

    A finding clears when the recipient takes corrective action; the report keeps it in sight.
    """
    for incident, unit in g_incidents(situation, credible=True):
        if incident.cleared:
            done = (incident.recipient_accountability or "").replace("_", " ")
            yield _triggered(
                incident, unit, f"{what(incident)} by supported unit {unit}; cleared ({done}, case closed)"
            )


@rule("G3", floor="adapt", citation="SEED §5")
def unverified_grave_allegation(situation: Situation) -> Iterable[Trigger]:
    """An alleged or unverified grave violation by a supported unit: adapt, and verify it within 30 days.

    An allegation is not a finding, but it must be followed up quickly ("robust frameworks for
    follow-up after incidents"); until then support to the unit is adapted.
    """
    days = situation.methodology.g3_verify_days
    for incident, unit in g_incidents(situation, credible=False):
        assert incident.reported is not None  # situation.incidents are all reported
        due = shift(incident.reported, days)
        if situation.as_of <= due:
            yield _triggered(
                incident,
                unit,
                f"{what(incident)} by supported unit {unit}, not yet verified; {response(situation, incident)}",
                action=f"Verify incident {incident.id} by {due.isoformat()}",
            )


@rule("G3o", floor=None, floors=("suspend", "adapt"), citation="SEED §5")
def grave_allegation_overdue(situation: Situation) -> Iterable[Trigger]:
    """As G3, past the verification delay: suspend when a source is rated A or B with credibility 1 or 2, else adapt.

    An allegation left unverified is a failure of follow-up; when a reliable source confirms it,
    the unit is suspended until it is verified.
    """
    days = situation.methodology.g3_verify_days
    for incident, unit in g_incidents(situation, credible=False):
        assert incident.reported is not None
        due = shift(incident.reported, days)
        if situation.as_of > due:
            strong = any(source.strong for source in incident.sources)
            source = "a source rated A/B with credibility 1-2" if strong else "no strong source"
            late = (situation.as_of - due).days
            yield _triggered(
                incident,
                unit,
                f"{what(incident)} by supported unit {unit}; verification was due by {due.isoformat()}, "
                f"now {late} day{'' if late == 1 else 's'} late ({source})",
                floor="suspend" if strong else "adapt",
                action=f"Verify incident {incident.id}: it was due by {due.isoformat()}",
            )


@rule("G6", floor=None, floors=("suspend", "adapt"), citation="SEED §2, §5")
def joint_operation_violation(situation: Situation) -> Iterable[Trigger]:
    """A credible grave violation by a force that is not supported but acted with a supported unit.

    A joint patrol or operation makes the supported unit part of it: a war crime, a crime against
    humanity or a repeated or systematic violation suspends that unit (and counts as its own in G2);
    anything lesser adapts. Relief adapts; clearing leaves it reported.
    """
    for incident, unit in joint_operations(situation):
        strong = strong_joint_operation(incident)
        cleared = incident.cleared
        floor = "adapt" if not strong or situation.relieved(incident) else "suspend"
        yield _triggered(
            incident,
            unit,
            f"{what(incident)} by a force acting with supported unit {unit}" + ("; cleared" if cleared else ""),
            floor=None if cleared else floor,
            floored=not cleared,
        )


def _close_pairs(items: list[Counted], window: int) -> Iterator[tuple[Counted, Counted]]:
    for a, b in itertools.combinations(items, 2):
        first, second = a.incident.reported, b.incident.reported
        if a.incident.id != b.incident.id and first and second and abs((first - second).days) <= window:
            yield a, b


def _members(pairs: Iterator[tuple[Counted, Counted]]) -> list[Counted]:
    """Each counted incident of the pairs once (by incident and unit), in order."""
    found: dict[tuple[str, str], Counted] = {}
    for pair in pairs:
        for member in pair:
            found.setdefault((member.incident.id, member.unit), member)
    return list(found.values())


def _gravest(pairs: list[tuple[Counted, Counted]], relieved: str, unrelieved: str) -> tuple[str, list[Incident]]:
    """The floor of the gravest pair, and the incidents of the pairs at that floor."""
    floors = [relieved if a.relieved or b.relieved else unrelieved for a, b in pairs]
    floor = highest(floors)
    return floor, _incidents_of(_members(iter(pair for pair, f in zip(pairs, floors, strict=True) if f == floor)))


def _incidents_of(members: list[Counted]) -> list[Incident]:
    found: dict[str, Incident] = {}
    for member in members:
        found.setdefault(member.incident.id, member.incident)
    return sorted(found.values(), key=lambda i: (str(i.reported), i.id))


@rule("G2", floor=None, floors=("terminate", "suspend"), citation="SEED §5")
def repeated_by_one_unit(situation: Situation) -> Iterable[Trigger]:
    """Two or more G1 or G1r incidents by the same unit within a year of each other: terminate that unit (suspend if
    relieved).

    Repeated grave violations by one unit show that its risks "cannot be mitigated": support to
    it should end. Corrective action under way on any of them holds it at suspend.
    """
    window = situation.methodology.g2_window_days
    found = counted(situation)
    for unit in dict.fromkeys(c.unit for c in found):
        mine = [c for c in found if c.unit == unit]
        pairs = list(_close_pairs(mine, window))
        if pairs:
            # Each pair is judged on its own, and the gravest pair sets the floor: another relieved
            # incident never softens a pattern that already stands.
            floor, incidents = _gravest(pairs, "suspend", "terminate")
            yield Trigger(
                tuple(i.ref for i in incidents),
                f"{len(incidents)} grave violations by unit {unit}, each reported within {window} days of another",
                unit_scope(unit),
                floor=floor,
            )


@rule("G2e", floor=None, floors=("terminate", "suspend", "adapt"), citation="SEED §5")
def repeated_or_systematic_across_units(situation: Situation) -> Iterable[Trigger]:
    """Grave violations by two or more supported units within a year, or one systematic: terminate the engagement.

    A pattern across units, or a systematic practice, is a verdict on the engagement, not on a
    unit. Two units: adapt when any counted incident is relieved. Systematic: suspend when
    relieved, adapt when cleared.
    """
    window = situation.methodology.g2_window_days
    pairs = [(a, b) for a, b in _close_pairs(counted(situation), window) if a.unit != b.unit]
    if pairs:
        floor, incidents = _gravest(pairs, "adapt", "terminate")
        ids = {incident.id for incident in incidents}
        units = sorted({c.unit for pair in pairs for c in pair if c.incident.id in ids})
        yield Trigger(
            tuple(i.ref for i in incidents),
            f"grave violations by supported units {listed(units)}, each reported within {window} days of another",
            ENGAGEMENT,
            floor=floor,
        )
    seen: set[str] = set()
    for incident, _ in g_incidents(situation, credible=True):
        if incident.grave_scale == "systematic" and incident.id not in seen:
            seen.add(incident.id)
            state = "adapt" if incident.cleared else "suspend" if situation.relieved(incident) else "terminate"
            yield Trigger(
                (incident.ref,), f"{what(incident)}, systematic, by a supported unit", ENGAGEMENT, floor=state
            )
